/// What a quality rule reads of a document besides the document itself.
struct FilterInput {
    /// The title's and text's words in their search form (the annotate step's pass).
    let words: SearchWords
    /// The paragraphs the text was joined from, and the ones it holds.
    let paragraphs: CleanedText
    let body: Range<Int>

    /// Share of the letters that are Arabic.
    var arabicShare: Double {
        let letters = words.counts.letters
        return letters == 0 ? 0 : Double(words.counts.arabicLetters) / Double(letters)
    }

    /// Mean letters per word.
    func meanWordLength(_ doc: Document) -> Double { Double(words.counts.letters) / Double(max(doc.wordCount, 1)) }
}

/// One rule of the filter step: a small type with the reason it drops a document for. Adding one is a new file in
/// `Rules/` and a line in `FilterStep.rules(_:)`.
protocol QualityRule: Sendable {
    var reason: DropReason { get }
    /// True when the document fails the rule.
    func fails(_ doc: Document, _ input: FilterInput) -> Bool
}
