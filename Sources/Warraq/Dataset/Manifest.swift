import Dispatch
import Foundation
import Parquet

/// A dataset version's manifest (`_manifest.json` for the current one, `_manifests/NNNNNN.json` for each kept one):
/// one `Codable` model, used both to write and to read. Format "warraq-manifest/2"; a "warraq-manifest/1" manifest
/// (warraq 0.2, the same keys) reads into it too, for the upgrade.
public struct Manifest: Codable, Sendable {
    public static let format = "warraq-manifest/2"
    static let readableFormats = ["warraq-manifest/1", format]

    /// The run that made this version.
    public struct Run: Codable, Sendable {
        public var id: String
        public var startedAt: String
        public var finishedAt: String
        public var warraqVersion: String
        public var pipeline: String
        public var pipelineName: String
        public var pipelineSHA256: String
        public var workers: Int
        /// What this run read and did (the dataset's totals are `Manifest.counts`).
        public var counts: RunCounts
        /// The number of tasks of a sharded run (`warraq run --tasks N`, then `warraq commit`); nil for one process.
        public var tasks: Int?
        /// Each task of a sharded run, in task order.
        public var taskRuns: [TaskRun]?

        enum CodingKeys: String, CodingKey {
            case id, startedAt = "started_at", finishedAt = "finished_at", warraqVersion = "warraq_version"
            case pipeline, pipelineName = "pipeline_name", pipelineSHA256 = "pipeline_sha256", workers, counts
            case tasks, taskRuns = "task_runs"
        }
    }

    /// One task of a sharded run: where and when it ran, and what it read and did.
    public struct TaskRun: Codable, Sendable {
        public var task: Int
        public var host: String
        /// The Slurm job id of the array element, when Slurm ran it.
        public var slurmJobID: String?
        public var startedAt: String
        public var finishedAt: String
        public var counts: RunCounts

        enum CodingKeys: String, CodingKey {
            case task, host, slurmJobID = "slurm_job_id", startedAt = "started_at", finishedAt = "finished_at"
            case counts
        }
    }

    /// An input the dataset holds rows of.
    public struct Input: Codable, Sendable {
        public var path: String
        public var bytes: Int64
        public var sha256: String
        /// What this input gave (nil only in manifests of warraq before 0.2).
        public var counts: RunCounts?
    }

    public struct Column: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var nullable: Bool
        /// True for a partition column (in folder names, not in the files).
        public var partition: Bool?
    }

    /// A column's statistics over one shard, for pruning.
    public struct ColumnStats: Codable, Sendable, Equatable {
        public var nulls: Int64
        public var min: JSONValue
        public var max: JSONValue
    }

    public struct Shard: Codable, Sendable, Equatable {
        /// Where the shard is, relative to the dataset folder, while its version is current (`DatasetPaths`).
        public var path: String
        public var partition: [String: String?]
        public var rows: Int64
        public var bytes: Int64
        public var sha256: String
        public var columns: [String: ColumnStats]
    }

    /// The near-duplicate index (`dedup.near`): its parameters, and its segments in dataset order.
    public struct NearIndex: Codable, Sendable, Equatable {
        public struct Segment: Codable, Sendable, Equatable {
            /// Relative to the dataset folder: `_near/<version>.idx` (`<version>-<n>.idx`: an earlier one rewritten).
            public var path: String
            public var rows: Int
            public var bytes: Int64
            public var sha256: String
        }
        public var shingle: Int
        public var bands: Int
        public var rows: Int
        public var segments: [Segment]
    }

    public var format = Manifest.format
    /// The dataset version (1, 2, …).
    public var version: Int
    public var run: Run
    /// Set when this version is an earlier one published again (`rollback`).
    public var rolledBackFrom: Int?
    /// Set when this version is the one before with small shards merged (`compact`).
    public var compactedFrom: Int?
    public var inputs: [Input]
    /// Files in the input folders passed over as not articles (README.md and the like).
    public var skippedFiles: [String]
    public var schema: [Column]
    public var partitionBy: [String]
    public var shards: [Shard]
    /// Rejects files (`_rejects/<run>.jsonl`) of the runs whose rows this version holds.
    public var rejects: [String]
    /// The dataset's counts: every input it holds.
    public var counts: RunCounts
    /// Nil when near-duplicates are off (and in manifests of warraq before 0.5).
    public var nearIndex: NearIndex?

    enum CodingKeys: String, CodingKey {
        case format, version, run, rolledBackFrom = "rolled_back_from", compactedFrom = "compacted_from", inputs
        case skippedFiles = "skipped_files", schema, partitionBy = "partition_by", shards, rejects, counts
        case nearIndex = "near_index"
    }

    /// The files besides shards that this version lists (rejects, index segments), relative to the dataset.
    public var ownFiles: [String] { rejects + (nearIndex?.segments.map(\.path) ?? []) }

    public var rows: Int64 { shards.reduce(0) { $0 + $1.rows } }
    public var bytes: Int64 { shards.reduce(0) { $0 + $1.bytes } }

    /// The manifest's bytes as written: pretty JSON, keys sorted, so that the same version gives the same bytes.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values cannot fail.
        return ((try? encoder.encode(self)).map { Array($0) } ?? []) + [0x0A]
    }

    /// Reads and checks a manifest file.
    /// - Throws: `DatasetError` naming the file and what is wrong with it.
    public static func read(path: String) throws -> Manifest {
        guard let bytes = FileOps.contents(of: path, limit: 1 << 30) else {
            throw DatasetError.unreadableManifest(path: path)
        }
        return try decode(bytes, path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> Manifest {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let manifest: Manifest
        do {
            manifest = try decoder.decode(Manifest.self, from: data)
        } catch {
            // Only a manifest that does not decode is parsed again, for its format: to say what is wrong.
            struct Head: Decodable { var format: String? }
            guard let head = try? decoder.decode(Head.self, from: data) else {
                throw DatasetError.manifestNotAnObject(path: path)
            }
            guard let format = head.format, readableFormats.contains(format) else {
                throw unknownFormat(head.format, path)
            }
            throw DatasetError.invalidManifest(path: path, format: format, problem: Self.describe(error))
        }
        guard readableFormats.contains(manifest.format) else { throw unknownFormat(manifest.format, path) }
        for shard in manifest.shards
        where shard.path.hasPrefix("/") || shard.path.split(separator: "/").contains("..")
            || shard.path.hasPrefix("_") || shard.path.hasPrefix(".")
        {
            throw DatasetError.shardOutsidePartitions(manifest: path, shard: shard.path)
        }
        for file in manifest.ownFiles
        where
            !(file.hasPrefix(DatasetFolder.rejectsFolder + "/") || file.hasPrefix(DatasetFolder.nearIndexFolder + "/"))
            || file.split(separator: "/").contains("..")
        {
            throw DatasetError.invalidManifest(
                path: path, format: manifest.format, problem: "it lists \(file), outside _rejects/ and _near/")
        }
        return manifest
    }

    private static func unknownFormat(_ format: String?, _ path: String) -> DatasetError {
        DatasetError.unknownManifestFormat(path: path, format: format, readable: readableFormats)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c): return "no \(ConfigPath.text(c.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
            DecodingError.dataCorrupted(let c):
            return "\(ConfigPath.text(c.codingPath)): \(c.debugDescription)"
        default: return "\(error)"
        }
    }

    /// A time as the manifest and the logs write it: ISO 8601 in UTC with microseconds.
    public static func iso(_ date: Date) -> String {
        CivilTime.formatTimestamp(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// The schema entries of a partitioning: the file's columns, then the partition columns.
    static func columns(_ schema: TableSchema, partitionBy: [PartitionColumn]) -> [Column] {
        schema.columns.map { Column(name: $0.name, type: $0.type.rawValue, nullable: $0.nullable, partition: nil) }
            + partitionBy.map { Column(name: $0.rawValue, type: "string", nullable: true, partition: true) }
    }
}

extension Manifest.Shard {
    /// The entries of shards just written, hashed in parallel (they are independent files).
    static func hashed(_ shards: [PartitionedWriter.Shard]) throws -> [Manifest.Shard] {
        let hashes = ResultSlots<Result<(hex: String, bytes: Int64), any Error>>(count: shards.count)
        let paths = shards.map(\.stagingPath)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            hashes.set(i, Result { try FileOps.sha256(path: paths[i]) })
        }
        return try shards.indices.map { i in
            let (sha, bytes) = try hashes.get(i).get()
            return Manifest.Shard(written: shards[i], bytes: bytes, sha256: sha)
        }
    }

    /// The entry of a shard just written, hashed here.
    init(staged shard: PartitionedWriter.Shard) throws {
        let (sha, bytes) = try FileOps.sha256(path: shard.stagingPath)
        self.init(written: shard, bytes: bytes, sha256: sha)
    }

    /// The entry of a shard just written: its place, partition, size, hash and per-column statistics (from its footer).
    init(written shard: PartitionedWriter.Shard, bytes: Int64, sha256: String) {
        var columns: [String: Manifest.ColumnStats] = [:]
        if let reader = try? ParquetFileReader(path: shard.stagingPath) {
            for (c, leaf) in reader.schema.leaves.enumerated() {
                var nulls: Int64 = 0
                var lo: ParquetValue?, hi: ParquetValue?
                for group in shard.metadata.rowGroups {
                    guard let s = group.columns[c].statistics else { continue }
                    nulls += s.nullCount ?? 0
                    if let v = s.minValue.flatMap(leaf.statisticValue), lo.map({ ValueOrder.less(v, $0) }) ?? true {
                        lo = v
                    }
                    if let v = s.maxValue.flatMap(leaf.statisticValue), hi.map({ ValueOrder.less($0, v) }) ?? true {
                        hi = v
                    }
                }
                columns[leaf.path[0]] = Manifest.ColumnStats(
                    nulls: nulls, min: lo.map { $0.json() } ?? .null, max: hi.map { $0.json() } ?? .null)
            }
        }
        self.init(
            path: shard.relativePath,
            partition: Dictionary(
                shard.partition.map { ($0.column.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a }),
            rows: shard.rows, bytes: bytes, sha256: sha256, columns: columns)
    }
}

extension JSONValue {
    /// The text of a number (or of a string holding one).
    public var numberText: String? {
        switch self {
        case .number(let n): return n
        case .string(let s): return s
        default: return nil
        }
    }
}
