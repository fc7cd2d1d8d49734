/// `text_normalized`: the text in the form `clean.normalize` gives. The default form is the search form, which the
/// one pass over the words has made already.
struct NormalizedTextAnnotator: Annotator {
    static let name: String? = nil
    static let columns: [OutputColumn] = [.string("text_normalized", nullable: false) { $0.textNormalized }]

    /// The pipeline's steps, for a form other than the search form (which the words' pass gives).
    let normalizer: Normalizer

    init(steps: [NormalizationStep]) { normalizer = Normalizer(steps: steps) }

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.textNormalized = words.normalizedText ?? normalizer.normalize(doc.text)
    }
}
