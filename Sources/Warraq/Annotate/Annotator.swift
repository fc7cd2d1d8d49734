/// One annotation of the annotate step: it reads a cleaned document and the step's one pass over its words, and
/// fills the document's fields behind its columns. Annotators run on worker threads, in any order of documents:
/// they are pure (no I/O, no shared mutable state).
///
/// Adding one is a new file in `Annotators/` and a line in `AnnotatorRegistry.all` (README: "Adding an annotator").
protocol Annotator: Sendable {
    /// The name that turns it off in the pipeline file (`annotate: {NAME: false}`); nil when it cannot be turned
    /// off, because later steps read what it fills.
    static var name: String? { get }
    /// The columns it fills, in the order they appear in the shards.
    static var columns: [OutputColumn] { get }
    /// Fills `doc`'s fields from its text; `words` are its title's and text's words in their search form.
    func annotate(_ doc: inout Document, words: SearchWords)
}
