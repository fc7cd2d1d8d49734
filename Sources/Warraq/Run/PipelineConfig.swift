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
    public var fields = FieldMapping()
    public var clean = CleanOptions()
    public var filter = FilterOptions()
    public var writer = ShardOptions()
    public var history = HistoryOptions()
    /// Records per batch handed to the workers.
    public var batchSize = 1000

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, inputs, output, partitionBy = "partition_by", fields, clean, filter, writer, history, batchSize = "batch_size"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PipelineConfig()
        name = try c.decode(.name, or: d.name)
        inputs = try c.decode(.inputs, or: d.inputs)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        partitionBy = try c.decode(.partitionBy, or: d.partitionBy)
        fields = try c.decode(.fields, or: d.fields)
        clean = try c.decode(.clean, or: d.clean)
        filter = try c.decode(.filter, or: d.filter)
        writer = try c.decode(.writer, or: d.writer)
        history = try c.decode(.history, or: d.history)
        batchSize = try c.decode(.batchSize, or: d.batchSize)
    }

    /// Reads and checks a pipeline file.
    /// - Throws: `PipelineConfigError` saying which file and what is wrong in it.
    public static func load(path: String) throws -> (config: PipelineConfig, text: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineConfigError("cannot read the pipeline file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw PipelineConfigError("\(path) is not UTF-8 text") }
        let config: PipelineConfig
        do {
            config = try YAMLDecoder().decode(PipelineConfig.self, from: text.isEmpty ? "{}" : text)
        } catch let DecodingError.dataCorrupted(context) {
            throw PipelineConfigError("\(path): \(context.debugDescription) at \(pathText(context.codingPath))")
        } catch let DecodingError.typeMismatch(type, context) {
            throw PipelineConfigError("\(path): \(pathText(context.codingPath)) should be \(type): \(context.debugDescription)")
        } catch {
            throw PipelineConfigError("\(path): \(error)")
        }
        try config.validate(path: path)
        return (config, text)
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    func validate(path: String) throws {
        guard history.keepVersions >= 1 else { throw PipelineConfigError("\(path): history.keep_versions must be at least 1") }
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
public enum PartitionColumn: String, Codable, Sendable, CaseIterable {
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

    enum CodingKeys: String, CodingKey {
        case codec, level, rowGroupBytes = "row_group_bytes", maxFileBytes = "max_file_bytes", memoryBudget = "memory_budget"
    }

    public init(from decoder: any Decoder) throws {
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

    enum CodingKeys: String, CodingKey { case keepVersions = "keep_versions" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepVersions = try c.decode(.keepVersions, or: 5)
    }
}
