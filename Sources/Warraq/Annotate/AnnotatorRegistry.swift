/// Every annotator, in the order their columns appear in the shards (between the record's own columns and its
/// provenance, `OutputSchema`): the one list the annotate step, the schema and the pipeline file's `annotate`
/// section read.
enum AnnotatorRegistry {
    /// Makes the annotators a pipeline turns on, in order; `nearDuplicates` are the signatures' parameters when the
    /// pipeline's `dedup.near` is on.
    static func annotators(
        _ options: AnnotateOptions, normalize: [NormalizationStep], nearDuplicates: MinHashParameters? = nil
    ) -> [any Annotator] {
        var all: [any Annotator] = [
            NormalizedTextAnnotator(steps: normalize),
            LanguageAnnotator(),
            TextCountsAnnotator(),
            FingerprintAnnotator(),
        ]
        if let nearDuplicates { all.append(NearDuplicateSignatureAnnotator(parameters: nearDuplicates)) }
        all += [
            DatesAnnotator(),
            EntitiesAnnotator(),
            KeywordsAnnotator(),
            URLDomainAnnotator(),
        ]
        return all.filter { type(of: $0).name.map(options.isEnabled) ?? true }
    }

    /// The names the pipeline file's `annotate` section knows.
    static let names = annotators(AnnotateOptions(), normalize: []).compactMap { type(of: $0).name }
}

/// The pipeline file's `annotate` section: which annotators run (all, by default). A turned-off annotator's columns
/// are not in the shards.
public struct AnnotateOptions: Decodable, Sendable, Equatable {
    /// The names turned off.
    public var disabled: Set<String> = []

    public init() {}

    func isEnabled(_ name: String) -> Bool { !disabled.contains(name) }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: AnnotatorRegistry.names)
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in c.allKeys where try !c.decode(key, or: true) { disabled.insert(key.stringValue) }
    }
}
