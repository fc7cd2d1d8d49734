/// The per-document steps, composed: clean, annotate, filter. Pure: no I/O, no shared state, so batches run on any
/// thread in any order; the in-order steps (dedup, partition, write) follow in `PipelineRunner`.
public struct DocumentBuilder: Sendable {
    let clean: CleanStep
    let annotate: AnnotateStep
    let filter: FilterStep

    public init(config: PipelineConfig) {
        clean = CleanStep(fields: config.fields, options: config.clean)
        annotate = AnnotateStep(
            options: config.annotate, normalize: config.clean.normalize,
            nearDuplicates: config.dedup.near.enabled ? config.dedup.near.minHash : nil)
        filter = FilterStep(options: config.filter)
    }

    /// The columns of the shards this pipeline writes, in order (partition columns included).
    public var columns: [OutputColumn] { OutputSchema.columns(annotators: annotate.columns) }

    /// Builds the document of one record; a document the filter step drops has `dropReason` set.
    public func build(_ record: RawRecord) -> Document {
        let cleaned = clean.clean(record)
        var doc = cleaned.document
        let words = annotate.annotate(&doc)
        doc.dropReason = filter.dropReason(
            doc, FilterInput(words: words, paragraphs: cleaned.paragraphs, body: cleaned.body))
        return doc
    }
}
