import Parquet

/// `too_few_stopwords`: the text (not the title) has fewer Arabic function words than `filter.min_stopwords`: real
/// prose has them, lists and junk do not.
struct StopwordsRule: QualityRule {
    let minimum: Int
    var reason: DropReason { .tooFewStopwords }

    private static let stopwords = ArabicStopwords.table(ArabicStopwords.functionWords)

    func fails(_ doc: Document, _ input: FilterInput) -> Bool { Self.count(input.words) < minimum }

    /// The text's words (not the title's) that are stopwords.
    static func count(_ words: SearchWords) -> Int {
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span
        // against it.
        words.bytes.withUnsafeBufferPointer { all in
            var n = 0
            for i in words.titleWords..<words.count
            where stopwords.contains(words.word(i, in: all), hash: words.spans[i].hash) {
                n += 1
            }
            return n
        }
    }
}
