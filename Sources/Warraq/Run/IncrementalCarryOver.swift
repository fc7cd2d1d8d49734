import Foundation
import Parquet

/// What an incremental run carries over from the dataset's current version: whether it can (`whyStale`), the
/// kept rows' content hashes for the dedup step, the shards kept or rewritten without replaced inputs' rows, and
/// the inputs and counts of the new version.
enum IncrementalCarryOver {
    /// Every input the new version holds, in reading order (read now, kept unchanged, or no longer seen), and the
    /// dataset's counts: theirs, and this run's path problems.
    static func datasetInputs(
        files: [InputReader.InputFile], readNow: [Manifest.Input], plan: IncrementalPlan, problems: [Rejection]
    ) -> ([Manifest.Input], RunCounts) {
        let read = Dictionary(readNow.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let unchanged = Dictionary(plan.unchanged.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let inputs = files.compactMap { read[$0.path] ?? unchanged[$0.path] } + plan.absent
        var counts = RunCounts()
        for i in inputs { counts.add(i.counts ?? RunCounts()) }
        for p in problems { counts.recordsIn += 1; counts.rejected[p.reason.rawValue, default: 0] += 1 }
        return (inputs, counts)
    }

    /// Why the dataset's current version cannot be extended incrementally, or nil when it can: it was made
    /// with another pipeline file or another warraq version.
    static func whyStale(_ previous: Manifest, pipelineSHA256: String) -> String? {
        if previous.run.warraqVersion != WarraqInfo.version {
            return
                "version \(previous.version) was made by warraq \(previous.run.warraqVersion), "
                + "this is \(WarraqInfo.version)"
        }
        if previous.run.pipelineSHA256 != pipelineSHA256 {
            return "the pipeline file changed since version \(previous.version)"
        }
        return nil
    }

    /// Reads the previous version's rows once: tells the dedup step the first id of each content hash among the
    /// rows the run keeps, and returns the shards that hold rows of replaced inputs (`keepOrRewrite` rewrites them).
    static func remember(_ previous: Manifest?, in dedup: inout DedupStep, dataset: String, plan: IncrementalPlan)
        throws -> Set<String>
    {
        guard let previous else { return [] }
        var touched = Set<String>()
        for shard in previous.shards {
            let reader = try ParquetFileReader(path: dataset + "/" + shard.path)
            for g in reader.metadata.rowGroups.indices {
                for row in try reader.readRows(rowGroup: g, columns: ["id", "content_hash", "input_path"]) {
                    guard case .string(let path)? = row["input_path"] else { continue }
                    if plan.isReplaced(path) {
                        touched.insert(shard.path)
                    } else if case .string(let hash)? = row["content_hash"], case .string(let id)? = row["id"] {
                        dedup.remember(hash: hash, id: id)
                    }
                }
            }
        }
        return touched
    }

    /// The previous version's shards: kept as they are (their manifest entries), or, where they hold
    /// rows of replaced inputs (`touched`, from `remember`), rewritten into staging without those rows.
    static func keepOrRewrite(
        _ previous: Manifest?, touched: Set<String>, dataset: String, staging: String, plan: IncrementalPlan,
        writer: PartitionedWriter
    ) throws -> (unchanged: [Manifest.Shard], rewritten: [Manifest.Shard]) {
        guard let previous else { return ([], []) }
        var unchanged: [Manifest.Shard] = []
        var rewritten: [Manifest.Shard] = []
        for shard in previous.shards {
            let path = dataset + "/" + shard.path
            guard touched.contains(shard.path) else { unchanged.append(shard); continue }
            let folder = (shard.path as NSString).deletingLastPathComponent
            let relative = folder + "/" + writer.reservePart(in: folder)
            let target = DatasetFolder.stagedPath(relative, in: staging)
            let (rows, metadata) = try ShardRewriter.rewrite(
                sources: [path], target: target, schema: writer.schema, options: writer.options
            ) { row in
                if case .string(let p)? = row["input_path"] { return !plan.isReplaced(p) } else { return true }
            }
            if rows == 0 { try FileManager.default.removeItem(atPath: target); continue }
            let values = writer.partitionBy.map { ($0, shard.partition[$0.rawValue] ?? nil) }
            let rewrittenShard = PartitionedWriter.Shard(
                relativePath: relative, partition: values, stagingPath: target, rows: rows, metadata: metadata)
            rewritten.append(try Manifest.Shard(staged: rewrittenShard))
        }
        return (unchanged, rewritten)
    }
}
