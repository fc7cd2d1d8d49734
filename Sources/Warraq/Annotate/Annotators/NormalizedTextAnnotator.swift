/// `text_normalized`: the text in the form `clean.normalize` gives. The default form is the search form, which the
/// one pass over the words has made already.
struct NormalizedTextAnnotator: Annotator {
    static let name: String? = nil
    static let columns: [OutputColumn] = [.string("text_normalized", nullable: false) { $0.textNormalized }]

    let normalizer: Normalizer
    /// Whether `normalizer` gives the search form (then the words' pass has the text already).
    let isSearchForm: Bool

    init(steps: [NormalizationStep]) {
        normalizer = Normalizer(steps: steps)
        isSearchForm = steps == NormalizationStep.searchDefault
    }

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.textNormalized = words.normalizedText ?? normalizer.normalize(doc.text)
    }
}
