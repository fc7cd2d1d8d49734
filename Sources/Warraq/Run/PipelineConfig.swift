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
public struct PipelineConfig: Decodable, Sendable {
    public var name = "pipeline"
    /// Files or folders (read recursively), relative to the working directory.
    public var inputs: [String] = []
    public var output: String?
    /// Hive partition columns, from `PartitionColumn`.
    public var partitionBy: [PartitionColumn] = [.source, .date]
    public var ingest = IngestOptions()
    public var fields = FieldMapping()
    public var clean = CleanOptions()
    public var annotate = AnnotateOptions()
    public var filter = FilterOptions()
    public var dedup = DedupOptions()
    public var writer = ShardOptions()
    public var history = HistoryOptions()
    public var compact = CompactOptions()
    /// Records per batch handed to the workers.
    public var batchSize = 1000

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, inputs, output, partitionBy = "partition_by", ingest, fields, clean, annotate, filter, dedup, writer
        case history, compact
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
        annotate = try c.decode(.annotate, or: d.annotate)
        filter = try c.decode(.filter, or: d.filter)
        dedup = try c.decode(.dedup, or: d.dedup)
        writer = try c.decode(.writer, or: d.writer)
        history = try c.decode(.history, or: d.history)
        compact = try c.decode(.compact, or: d.compact)
        batchSize = try c.decode(.batchSize, or: d.batchSize)
    }

    /// Reads and checks a pipeline file.
    /// - Throws: `PipelineConfigError` saying which file and what is wrong in it.
    public static func load(path: String) throws -> (config: PipelineConfig, text: String) {
        guard let data = FileOps.contents(of: path, limit: 16 << 20) else {
            throw PipelineConfigError.unreadable(file: path)
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw PipelineConfigError.notUTF8(file: path) }
        let config: PipelineConfig
        do {
            config = try PipelineYAML.decode(PipelineConfig.self, from: text)
        } catch let e as PipelineConfigError {
            throw PipelineConfigError.inFile(path, e)
        } catch let DecodingError.dataCorrupted(context) {
            // Yams wraps what a section's decoder throws.
            if let e = context.underlyingError as? PipelineConfigError { throw PipelineConfigError.inFile(path, e) }
            throw PipelineConfigError.inFile(
                path, .invalidYAML(problem: context.debugDescription, option: pathText(context.codingPath)))
        } catch let DecodingError.typeMismatch(type, context) {
            throw PipelineConfigError.inFile(
                path, .wrongKind(option: pathText(context.codingPath), expected: ConfigPath.expected(type), got: nil))
        } catch {
            throw PipelineConfigError.inFile(path, .invalidYAML(problem: "\(error)", option: "the top level"))
        }
        try config.validate(path: path)
        return (config, text)
    }

    private static func pathText(_ path: [any CodingKey]) -> String { ConfigPath.text(path) }

    func validate(path: String) throws {
        do { try validate() } catch { throw PipelineConfigError.inFile(path, error) }
    }

    /// Checks the rules no single option's type says.
    func validate() throws(PipelineConfigError) {
        guard history.keepVersions >= 1 else {
            throw .invalidValue(option: "history.keep_versions", rule: "must be at least 1")
        }
        guard ingest.maxRecordBytes > 0, ingest.maxRecordBytes <= 1 << 30 else {
            throw .invalidValue(option: "ingest.max_record_bytes", rule: "must be between 1 and 1073741824 (1 GiB)")
        }
        guard compact.maxFiles >= 1 else {
            throw .invalidValue(option: "compact.max_files", rule: "must be at least 1")
        }
        guard batchSize > 0 else { throw .invalidValue(option: "batch_size", rule: "must be positive") }
        guard Set(partitionBy).count == partitionBy.count else {
            throw .invalidValue(option: "partition_by", rule: "lists a column twice")
        }
        guard !partitionBy.contains(.language) || annotate.isEnabled("language") else {
            throw .conflict("partition_by lists language, but annotate.language is false")
        }
        if let level = writer.level, let problem = writer.codec.levelProblem(level) {
            throw .invalidValue(
                option: "writer.level", rule: writer.codec.levels == nil ? problem + ": remove it" : problem)
        }
        guard writer.rowGroupBytes > 0, writer.maxFileBytes > 0, writer.memoryBudget > 0 else {
            throw .invalidValue(option: "writer sizes", rule: "must be positive")
        }
    }
}
