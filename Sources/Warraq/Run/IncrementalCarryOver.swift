import Foundation
import Parquet

/// What an incremental run carries over from the dataset's current version: whether it can (`whyStale`), the
/// kept rows' content hashes for the dedup step, the shards kept or rewritten without replaced inputs' rows, and
/// the inputs and counts of the new version.
enum IncrementalCarryOver {
    /// What a run starts from: the dedup step (with the near-duplicate index, writing the new version's segment into
    /// staging) that knows the kept rows first, the kept index segments, and the shards kept or rewritten.
    struct Start {
        var nearIndex: NearDuplicateIndex?
        var keptNear: (segments: [Manifest.NearIndex.Segment], moves: [(from: String, to: String)])
        var dedup: DedupStep
        var kept: (unchanged: [Manifest.Shard], rewritten: [Manifest.Shard])
        /// The new version's index segment name (its version number, six digits).
        var segmentName: String
    }

    /// Carries the version `previous` over into a run that publishes version `version` (a single run, or a sharded
    /// run's commit): its rows' content hashes and index rows, but for those of replaced inputs.
    static func start(
        _ previous: Manifest?, config: PipelineConfig, dataset: String, staging: String, plan: IncrementalPlan,
        writer: PartitionedWriter, version: Int
    ) throws -> Start {
        let segmentName = String(version).leftPadded(to: 6)
        let nearIndex =
            try config.dedup.near.enabled
            ? NearDuplicateIndex(
                options: config.dedup.near, writingTo: staging + "/" + PipelineRunner.nearSegmentPath(segmentName))
            : nil
        let keptNear = try rememberNear(
            previous, into: nearIndex, dataset: dataset, staging: staging, name: segmentName, plan: plan)
        var dedup = DedupStep(options: config.dedup, near: nearIndex)
        let touched = try remember(previous, in: &dedup, dataset: dataset, plan: plan)
        let kept = try keepOrRewrite(
            previous, touched: touched, dataset: dataset, staging: staging, plan: plan, writer: writer)
        return Start(nearIndex: nearIndex, keptNear: keptNear, dedup: dedup, kept: kept, segmentName: segmentName)
    }

    /// Compacts `manifest` when the pipeline asks for it (`compact.auto`), then publishes it with `moves`.
    /// - Returns: the version published.
    static func publish(
        _ manifest: Manifest, moves: [(from: String, to: String)], config: PipelineConfig,
        transaction: DatasetTransaction, staging: String, writer: PartitionedWriter
    ) throws -> Int {
        var manifest = manifest, moves = moves
        if config.compact.auto {
            let compacted = try Compactor(
                folder: transaction.folder, staging: staging, writer: writer, maxFiles: config.compact.maxFiles
            )
            .compact(&manifest)
            moves = moves.filter { !compacted.replaced.contains($0.to) } + compacted.moves
        }
        return try transaction.publish(manifest, moves: moves, keep: config.history.keepVersions)
    }

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

    /// The version a run extends: the current one, unless the run reads everything again (`fullRefresh`, or the
    /// current version was made by another pipeline file or warraq: then `refreshReason` says which).
    static func base(_ current: Manifest?, fullRefresh: Bool, pipelineSHA256: String) -> (
        previous: Manifest?, refreshReason: String?
    ) {
        guard let current, !fullRefresh else { return (nil, nil) }
        if let why = whyStale(current, pipelineSHA256: pipelineSHA256) { return (nil, why) }
        return (current, nil)
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

    /// Indexes the previous version's near-duplicate index rows, but for those of replaced inputs: a segment that
    /// holds such rows is written again into staging without them (as `_near/<name>-<n>.idx`, in its place in the
    /// order). Returns the segments the new version keeps, in order, and the staged files to move into place.
    static func rememberNear(
        _ previous: Manifest?, into index: NearDuplicateIndex?, dataset: String, staging: String, name: String,
        plan: IncrementalPlan
    ) throws -> (segments: [Manifest.NearIndex.Segment], moves: [(from: String, to: String)]) {
        guard let previous, let index, let old = previous.nearIndex else { return ([], []) }
        var segments: [Manifest.NearIndex.Segment] = []
        var moves: [(from: String, to: String)] = []
        for segment in old.segments {
            let reader = try NearIndexSegment.Reader(path: dataset + "/" + segment.path)
            var holdsReplaced = false
            try index.load(reader) { row in
                if plan.isReplaced(row.inputPath) { holdsReplaced = true; return false }
                return true
            }
            guard holdsReplaced else {
                segments.append(segment)
                continue
            }
            let relative = PipelineRunner.nearSegmentPath("\(name)-\(moves.count + 1)")
            let writer = try NearIndexSegment.Writer(path: staging + "/" + relative, parameters: index.options.minHash)
            for row in reader.rows where !plan.isReplaced(row.inputPath) {
                let signature = MinHashSignature(bandKeys: row.bandKeys, shingles: try reader.shingles(of: row))
                try writer.append(id: row.id, inputPath: row.inputPath, signature: signature)
            }
            try writer.finish()
            guard writer.rows > 0 else { try FileManager.default.removeItem(atPath: writer.path); continue }
            segments.append(try Manifest.NearIndex.Segment(staged: writer, relative: relative))
            moves.append((from: writer.path, to: relative))
        }
        return (segments, moves)
    }
}

extension Manifest.NearIndex.Segment {
    /// The entry of a segment just written.
    init(staged writer: NearIndexSegment.Writer, relative: String) throws {
        let (sha, bytes) = try FileOps.sha256(path: writer.path)
        self.init(path: relative, rows: writer.rows, bytes: bytes, sha256: sha)
    }
}
