import Foundation
import Yams

/// A pipeline file (YAML): what to read, how to map, clean and filter records, how to partition and write.
///
/// ```yaml
/// name: arabic-news
/// inputs: [samples]
/// output: out/arabic-news
/// partition_by: [source, date]
/// ```
/// Every other section has defaults; see `pipelines/arabic-news.yaml` for all of them.
public struct PipelineConfig: Codable, Sendable {
    public var name = "pipeline"
    /// Files or folders (read recursively), relative to the working directory.
    public var inputs: [String] = []
    public var output: String?
    /// Hive partition columns, from `PartitionColumn`.
    public var partitionBy: [PartitionColumn] = [.source, .date]
    public var ingest = IngestOptions()
    public var fields = FieldMapping()
    public var clean = CleanOptions()
    public var filter = FilterOptions()
    public var writer = ShardOptions()
    public var history = HistoryOptions()
    public var compact = CompactOptions()
    /// Records per batch handed to the workers.
    public var batchSize = 1000

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, inputs, output, partitionBy = "partition_by", ingest, fields, clean, filter, writer, history, compact
        case batchSize = "batch_size"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PipelineConfig()
        name = try c.decode(.name, or: d.name)
        inputs = try c.decode(.inputs, or: d.inputs)
        output = try c.decodeOptional(.output)
        ingest = try c.decode(.ingest, or: d.ingest)
        partitionBy = try c.decode(.partitionBy, or: d.partitionBy)
        fields = try c.decode(.fields, or: d.fields)
        clean = try c.decode(.clean, or: d.clean)
        filter = try c.decode(.filter, or: d.filter)
        writer = try c.decode(.writer, or: d.writer)
        history = try c.decode(.history, or: d.history)
        compact = try c.decode(.compact, or: d.compact)
        batchSize = try c.decode(.batchSize, or: d.batchSize)
    }

    /// Reads and checks a pipeline file.
    /// - Throws: `PipelineConfigError` saying which file and what is wrong in it.
    public static func load(path: String) throws -> (config: PipelineConfig, text: String) {
        guard let data = FileOps.contents(of: path, limit: 16 << 20) else {
            throw PipelineConfigError("cannot read the pipeline file \(path)")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw PipelineConfigError("\(path) is not UTF-8 text") }
        let config: PipelineConfig
        do {
            config = try YAMLDecoder().decode(PipelineConfig.self, from: text.isEmpty ? "{}" : text)
        } catch let e as PipelineConfigError {
            throw PipelineConfigError("\(path): \(e.description)")
        } catch let DecodingError.dataCorrupted(context) {
            // Yams wraps what a section's decoder throws.
            if let e = context.underlyingError as? PipelineConfigError { throw PipelineConfigError("\(path): \(e.description)") }
            throw PipelineConfigError("\(path): \(context.debugDescription) at \(pathText(context.codingPath))")
        } catch let DecodingError.typeMismatch(type, context) {
            throw PipelineConfigError("\(path): \(pathText(context.codingPath)) must be \(ConfigPath.expected(type))")
        } catch {
            throw PipelineConfigError("\(path): \(error)")
        }
        try config.validate(path: path)
        return (config, text)
    }

    private static func pathText(_ path: [any CodingKey]) -> String { ConfigPath.text(path) }

    func validate(path: String) throws {
        guard history.keepVersions >= 1 else { throw PipelineConfigError("\(path): history.keep_versions must be at least 1") }
        guard ingest.maxRecordBytes > 0, ingest.maxRecordBytes <= 1 << 30 else {
            throw PipelineConfigError("\(path): ingest.max_record_bytes must be between 1 and 1073741824 (1 GiB)")
        }
        guard compact.maxFiles >= 1 else { throw PipelineConfigError("\(path): compact.max_files must be at least 1") }
        guard batchSize > 0 else { throw PipelineConfigError("\(path): batch_size must be positive") }
        guard Set(partitionBy).count == partitionBy.count else { throw PipelineConfigError("\(path): partition_by lists a column twice") }
        guard writer.codec == "gzip" || writer.codec == "none" else {
            throw PipelineConfigError("\(path): writer.codec must be gzip or none, not \(writer.codec)")
        }
        guard (0...9).contains(writer.level) else { throw PipelineConfigError("\(path): writer.level must be 0...9") }
        guard writer.rowGroupBytes > 0, writer.maxFileBytes > 0, writer.memoryBudget > 0 else {
            throw PipelineConfigError("\(path): writer sizes must be positive")
        }
    }
}

/// A problem with a pipeline file or the command line (exit code 2).
public struct PipelineConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

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
public struct ShardOptions: Codable, Sendable, Equatable {
    public var codec = "gzip"
    /// zlib's level. 5, not zlib's usual 6: on Arabic news shards are 4.5% larger and compression takes about
    /// a third less time (long match chains on two-byte letters make 6 slow).
    public var level: Int32 = 5
    /// A row group closes at this many bytes of buffered data.
    public var rowGroupBytes = 128 << 20
    /// A shard closes once it passes this many bytes; the partition continues in the next part.
    public var maxFileBytes = 512 << 20
    /// Row groups of all open shards together may buffer this much; past it the largest is written.
    public var memoryBudget = 96 << 20

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case codec, level, rowGroupBytes = "row_group_bytes", maxFileBytes = "max_file_bytes", memoryBudget = "memory_budget"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ShardOptions()
        codec = try c.decode(.codec, or: d.codec)
        level = try c.decode(.level, or: d.level)
        rowGroupBytes = try c.decode(.rowGroupBytes, or: d.rowGroupBytes)
        maxFileBytes = try c.decode(.maxFileBytes, or: d.maxFileBytes)
        memoryBudget = try c.decode(.memoryBudget, or: d.memoryBudget)
    }
}

/// How many published versions a dataset keeps (with their shards) for `history` and `rollback`.
public struct HistoryOptions: Codable, Sendable, Equatable {
    public var keepVersions = 5

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case keepVersions = "keep_versions" }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepVersions = try c.decode(.keepVersions, or: 5)
    }
}

/// How inputs are read.
public struct IngestOptions: Codable, Sendable, Equatable {
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

/// When partitions' small shards are merged (`warraq compact`, or every run with `auto`).
public struct CompactOptions: Codable, Sendable, Equatable {
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
