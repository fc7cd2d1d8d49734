/// The pipeline file's `dedup.near` section: near-duplicates by MinHash-LSH, each candidate pair checked by the exact
/// Jaccard similarity of its shingles.
public struct NearDuplicateOptions: Decodable, Sendable, Equatable {
    /// Link near-duplicates (`near_duplicate_of`, `near_duplicate_similarity`). False leaves both columns out.
    public var enabled = true
    /// Shingles and LSH bands: `shingle`, `bands`, `rows`.
    public var minHash = MinHashParameters()
    /// The least Jaccard similarity of a link, checked exactly on the pair's shingles.
    public var threshold = 0.8
    /// Drop near-duplicates (reason `near_duplicate`) instead of linking them.
    public var drop = false

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, shingle, bands, rows, threshold, drop }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = NearDuplicateOptions()
        enabled = try c.decode(.enabled, or: d.enabled)
        minHash = MinHashParameters(
            shingle: try c.decode(.shingle, or: d.minHash.shingle), bands: try c.decode(.bands, or: d.minHash.bands),
            rows: try c.decode(.rows, or: d.minHash.rows))
        threshold = try c.decode(.threshold, or: d.threshold)
        drop = try c.decode(.drop, or: d.drop)
        for (name, value, limit) in [
            ("shingle", minHash.shingle, 64), ("bands", minHash.bands, 1024), ("rows", minHash.rows, 64),
        ] where !(1...limit).contains(value) {
            throw PipelineConfigError.invalidValue(option: "dedup.near.\(name)", rule: "must be between 1 and \(limit)")
        }
        guard minHash.values <= 4096 else {
            throw PipelineConfigError.invalidValue(option: "dedup.near.bands", rule: "× rows must be at most 4096")
        }
        guard threshold > 0 && threshold <= 1 else {
            throw PipelineConfigError.invalidValue(
                option: "dedup.near.threshold", rule: "must be above 0 and at most 1")
        }
    }
}
