import Parquet

/// The dataset's settings in the pipeline file: partitioning, shards, history and compaction.

/// The columns a dataset can be partitioned on.
public enum PartitionColumn: String, Codable, Sendable, CaseIterable, CaseIterableConfigValue {
    case source
    /// The day of `published_at`, YYYY-MM-DD.
    case date
    /// The year of `published_at`.
    case year
    case language
}

/// How shards are written.
public struct ShardOptions: Decodable, Sendable, Equatable {
    /// The page codec (`gzip`, `zstd`, `snappy` or `none` in the pipeline file).
    public var codec = CompressionCodec.gzip
    /// The codec's level (gzip 0...12, zstd 1...22; snappy has none); nil: the codec's default (gzip 6, zstd 3).
    public var level: Int32?
    /// A row group closes at this many bytes of buffered data.
    public var rowGroupBytes = 128 << 20
    /// A shard closes once it passes this many bytes; the partition continues in the next part.
    public var maxFileBytes = 512 << 20
    /// Row groups of all open shards together may buffer this much; past it the largest is written.
    public var memoryBudget = 96 << 20

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case codec, level, rowGroupBytes = "row_group_bytes", maxFileBytes = "max_file_bytes", memoryBudget =
            "memory_budget"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ShardOptions()
        if c.contains(.codec) {
            let name = try c.decode(String.self, forKey: .codec)
            guard let codec = CompressionCodec(writableName: name) else {
                throw PipelineConfigError.wrongKind(
                    option: ConfigPath.text(c.codingPath + [CodingKeys.codec]),
                    expected: CompressionCodec.writable.map(\.name).joined(separator: " or "), got: name)
            }
            self.codec = codec
        }
        level = try c.decodeOptional(.level)
        rowGroupBytes = try c.decode(.rowGroupBytes, or: d.rowGroupBytes)
        maxFileBytes = try c.decode(.maxFileBytes, or: d.maxFileBytes)
        memoryBudget = try c.decode(.memoryBudget, or: d.memoryBudget)
    }
}

/// How many published versions a dataset keeps (with their shards) for `history` and `rollback`.
public struct HistoryOptions: Decodable, Sendable, Equatable {
    public var keepVersions = 5

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case keepVersions = "keep_versions" }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepVersions = try c.decode(.keepVersions, or: 5)
    }
}

/// When partitions' small shards are merged (`warraq compact`, or every run with `auto`).
public struct CompactOptions: Decodable, Sendable, Equatable {
    /// A partition with more shards than this is rewritten into one shard (more past `writer.max_file_bytes`).
    public var maxFiles = 8
    /// Compact as part of every run (one version: the run's and the merge's changes together).
    public var auto = false

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case maxFiles = "max_files", auto }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CompactOptions()
        maxFiles = try c.decode(.maxFiles, or: d.maxFiles)
        auto = try c.decode(.auto, or: d.auto)
    }
}
