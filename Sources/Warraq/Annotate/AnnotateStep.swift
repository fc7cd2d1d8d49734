/// The annotate step: one pass over a document's title and text words in their search form (`SearchWords`),
/// which every annotator the pipeline turns on reads, in `AnnotatorRegistry` order.
struct AnnotateStep: Sendable {
    let annotators: [any Annotator]
    /// Whether the words' pass makes the search form of the text (`text_normalized` in its default form).
    private let normalizing: Bool

    init(options: AnnotateOptions, normalize: [NormalizationStep], nearDuplicates: MinHashParameters? = nil) {
        annotators = AnnotatorRegistry.annotators(options, normalize: normalize, nearDuplicates: nearDuplicates)
        normalizing = normalize == NormalizationStep.searchDefault
    }

    /// The columns the annotators fill, in order.
    var columns: [OutputColumn] { annotators.flatMap { type(of: $0).columns } }

    /// Annotates `doc`; returns its words, which the filter step reads too.
    func annotate(_ doc: inout Document) -> SearchWords {
        let words = SearchWords(title: doc.title, text: doc.text, normalizing: normalizing)
        for annotator in annotators { annotator.annotate(&doc, words: words) }
        return words
    }
}
