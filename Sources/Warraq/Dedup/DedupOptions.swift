/// The pipeline file's `dedup` section.
public struct DedupOptions: Decodable, Sendable, Equatable {
    /// Link exact copies (`duplicate_of`). False leaves the column null.
    public var exact = true
    /// Link (or drop) near-duplicates.
    public var near = NearDuplicateOptions()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case exact, near }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exact = try c.decode(.exact, or: DedupOptions().exact)
        near = try c.decode(.near, or: DedupOptions().near)
    }
}
