/// How inputs are read.
public struct IngestOptions: Decodable, Sendable, Equatable {
    /// A record (a JSON line or array element, a CSV row, a text file, a Parquet row's text) larger than this is
    /// rejected as `record_too_large`, without being held in memory whole. 16 MiB: ten times the longest article
    /// of SaudiNewsNet and more, and it keeps a run's memory bounded whatever the input.
    public var maxRecordBytes = 16 << 20

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case maxRecordBytes = "max_record_bytes" }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxRecordBytes = try c.decode(.maxRecordBytes, or: IngestOptions().maxRecordBytes)
    }
}
