/// The dedup step, in input order: `duplicate_of` for a document whose text an earlier one has (exactly, by
/// content hash). Rows kept from earlier runs come first, so a new copy points at the dataset's original.
struct DedupStep {
    let options: DedupOptions
    /// The id of the first document with each content hash.
    private var firstByHash: [String: String] = [:]

    init(options: DedupOptions) { self.options = options }

    /// Remembers a row kept from an earlier run (before any document of this run).
    mutating func remember(hash: String, id: String) {
        if options.exact && firstByHash[hash] == nil { firstByHash[hash] = id }
    }

    /// Points `doc` at the first document with its text, or makes it that first one.
    mutating func mark(_ doc: inout Document) {
        guard options.exact else { return }
        if let first = firstByHash[doc.contentHash] {
            doc.duplicateOf = first
        } else {
            firstByHash[doc.contentHash] = doc.id
        }
    }
}

/// The pipeline file's `dedup` section.
public struct DedupOptions: Decodable, Sendable, Equatable {
    /// Link exact copies (`duplicate_of`). False leaves the column null.
    public var exact = true

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case exact }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exact = try c.decode(.exact, or: DedupOptions().exact)
    }
}
