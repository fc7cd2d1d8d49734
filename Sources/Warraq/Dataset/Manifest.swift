import Foundation
import Parquet

/// The manifest of a published dataset (`manifest.json`, format "warraq-manifest/1").
struct Manifest {
    struct Input: Sendable { var path: String; var bytes: Int64; var sha256: String; var counts = RunCounts() }
    struct ShardEntry { var shard: PartitionedWriter.Shard; var bytes: Int64; var sha256: String }

    var runID: String
    /// The dataset version this manifest is (1, 2, …), set when it is published.
    var version = 0
    var startedAt: Date
    var finishedAt: Date
    var pipelinePath: String
    var pipelineSHA256: String
    var pipelineName: String
    var workers: Int
    var inputs: [Input]
    /// Files in the input folders passed over as not articles (README.md and the like).
    var skippedFiles: [String]
    var schema: TableSchema
    var partitionBy: [PartitionColumn]
    var shards: [ShardEntry]
    /// Shards of earlier runs that this version still lists, as the previous manifest described them.
    var keptShards: [JSONValue] = []
    var rejectsPath: String?
    /// Rejects files of earlier runs that the dataset still reports.
    var previousRejects: [String] = []
    var runCounts: RunCounts
    var datasetCounts: RunCounts

    static let format = "warraq-manifest/1"

    func json() -> JSONValue {
        var schemaColumns: [JSONValue] = schema.columns.map { c in
            .object(JSONObject(members: [("name", .string(c.name)), ("type", .string(c.type.rawValue)), ("nullable", .bool(c.nullable))]))
        }
        for p in partitionBy {
            schemaColumns.append(.object(JSONObject(members: [
                ("name", .string(p.rawValue)), ("type", .string("string")), ("nullable", .bool(true)), ("partition", .bool(true)),
            ])))
        }
        return .object(JSONObject(members: [
            ("format", .string(Self.format)),
            ("version", .number(String(version))),
            ("run", .object(JSONObject(members: [
                ("id", .string(runID)),
                ("started_at", .string(Self.iso(startedAt))),
                ("finished_at", .string(Self.iso(finishedAt))),
                ("warraq_version", .string(WarraqInfo.version)),
                ("pipeline", .string(pipelinePath)),
                ("pipeline_name", .string(pipelineName)),
                ("pipeline_sha256", .string(pipelineSHA256)),
                ("workers", .number(String(workers))),
                ("counts", runCounts.json),
            ]))),
            ("inputs", .array(inputs.map { i in
                .object(JSONObject(members: [
                    ("path", .string(i.path)), ("bytes", .number(String(i.bytes))), ("sha256", .string(i.sha256)), ("counts", i.counts.json),
                ]))
            })),
            ("skipped_files", .array(skippedFiles.map(JSONValue.string))),
            ("schema", .array(schemaColumns)),
            ("partition_by", .array(partitionBy.map { .string($0.rawValue) })),
            ("shards", .array(keptShards + shards.map(shardJSON))),
            ("rejects", .array((previousRejects + (rejectsPath.map { [$0] } ?? [])).map(JSONValue.string))),
            ("counts", datasetCounts.json),
        ]))
    }

    private func shardJSON(_ e: ShardEntry) -> JSONValue {
        let m = e.shard.metadata
        var columns: [(key: String, value: JSONValue)] = []
        if let reader = try? ParquetFileReader(path: e.shard.stagingPath) {
            for (c, leaf) in reader.schema.leaves.enumerated() {
                var nulls: Int64 = 0
                var lo: ParquetValue?, hi: ParquetValue?
                for group in m.rowGroups {
                    guard let s = group.columns[c].statistics else { continue }
                    nulls += s.nullCount ?? 0
                    if let v = s.minValue.flatMap(leaf.statisticValue), lo == nil || less(v, lo!) { lo = v }
                    if let v = s.maxValue.flatMap(leaf.statisticValue), hi == nil || less(hi!, v) { hi = v }
                }
                columns.append((leaf.path[0], .object(JSONObject(members: [
                    ("nulls", .number(String(nulls))), ("min", lo.map(jsonValue) ?? .null), ("max", hi.map(jsonValue) ?? .null),
                ]))))
            }
        }
        return .object(JSONObject(members: [
            ("path", .string(e.shard.relativePath)),
            ("partition", .object(JSONObject(members: e.shard.partition.map { ($0.column.rawValue, $0.value.map(JSONValue.string) ?? .null) }))),
            ("rows", .number(String(e.shard.rows))),
            ("bytes", .number(String(e.bytes))),
            ("sha256", .string(e.sha256)),
            ("columns", .object(JSONObject(members: columns))),
        ]))
    }

    private func less(_ a: ParquetValue, _ b: ParquetValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.timestamp(let x), .timestamp(let y)): return x < y
        case (.date(let x), .date(let y)): return x < y
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.bool(let x), .bool(let y)): return !x && y
        default: return false
        }
    }

    private func jsonValue(_ v: ParquetValue) -> JSONValue {
        switch v {
        case .int(let i): return .number(String(i))
        case .double(let d): return .number(JSONWriter.number(d))
        case .bool(let b): return .bool(b)
        default: return .string(ValueFormatter.csvText(v))
        }
    }

    static func iso(_ date: Date) -> String {
        CivilTime.formatTimestamp(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }
}

/// Facts about this build of Warraq.
public enum WarraqInfo {
    public static let version = ParquetLibrary.version
}
