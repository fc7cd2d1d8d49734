import Foundation
import Logging
import Parquet

/// `warraq commit DIR --run R`: publishes the tasks of a sharded run as one version, through the dataset layer
/// (the lock, the version's manifest, the atomic switch of `_manifest.json`, history).
///
/// It waits for nothing and guesses nothing: every task 0..<N must have finished (`I/task.json`), all from the same
/// plan, pipeline and warraq against the version that is still current; otherwise it names the tasks and publishes
/// nothing. It then decides the duplicate links across tasks by running the dedup step again, in the order a
/// single run reads the inputs (the kept rows first, then task 0's rows, task 1's, …), on what each task kept of
/// every row (`DedupRow`: content hash, id, and the task's near-duplicate segment): no text is read again, nothing
/// is cleaned, annotated or compressed again. A task's shard is rewritten only where a row's links differ from the
/// task's own (its original is in an earlier task); every other shard is published as the task wrote it (a hard
/// link: the task's folder stays whole until the version is current). The result holds the rows and values of a
/// single run over the same inputs; only the shard boundaries differ.
public final class RunCommitter {
    public struct Options: Sendable {
        public var dataset: String
        public var run: String
        public var waitForLock = false
        public var logger = Logger(label: "warraq")

        public init(dataset: String, run: String) {
            self.dataset = dataset
            self.run = run
        }
    }

    public struct Summary: Sendable {
        /// False when nothing was published: the run was committed before (`committedAs`), or it read nothing new.
        public var published: Bool
        public var committedAs: Int?
        public var version: Int
        public var tasks: Int
        public var counts: RunCounts
        public var shards: Int
        /// Task shards rewritten for links their task could not know.
        public var rewritten: Int
        /// Rows whose links (or drop) the commit changed.
        public var relinked: Int
        public var seconds: Double
    }

    let options: Options

    public init(options: Options) { self.options = options }

    public func commit() throws -> Summary {
        let started = Date()
        let dataset = options.dataset, run = options.run
        guard TaskFolder.isValidRun(run) else { throw TaskError.badRun(run: run) }
        let tasks = TaskFolder(dataset: dataset, run: run)
        let transaction = try DatasetTransaction(dataset: dataset, wait: options.waitForLock)
        for note in transaction.notes { options.logger.warning("\(note)", metadata: ["event": "note"]) }
        if let version = transaction.folder.version(publishedBy: run) {
            return Summary(
                published: false, committedAs: version, version: transaction.current?.version ?? version, tasks: 0,
                counts: RunCounts(), shards: 0, rewritten: 0, relinked: 0, seconds: Date().timeIntervalSince(started))
        }
        guard FileManager.default.fileExists(atPath: tasks.path) else {
            throw TaskError.unknownRun(dataset: dataset, run: run)
        }
        let states = try Self.finishedTasks(tasks)
        let first = states[0]
        for s in states {
            guard s.run == run, s.tasks == first.tasks else {
                throw TaskError.mismatch(
                    run: run, task: s.task, what: "belongs to another run (\(s.run) of \(s.tasks) tasks)")
            }
            guard s.planSHA256 == first.planSHA256, s.pipelineSHA256 == first.pipelineSHA256,
                s.inputs == first.inputs, s.fullRefresh == first.fullRefresh
            else {
                throw TaskError.mismatch(
                    run: run, task: s.task, what: "planned other inputs or another pipeline than task 0")
            }
            guard s.warraqVersion == WarraqInfo.version else {
                throw TaskError.mismatch(
                    run: run, task: s.task, what: "ran warraq \(s.warraqVersion), this is \(WarraqInfo.version)")
            }
            guard s.baseVersion == transaction.current?.version else {
                throw TaskError.baseMoved(run: run, planned: s.baseVersion, current: transaction.current?.version)
            }
        }
        let (config, text) = try PipelineConfig.load(path: first.pipeline)
        guard SHA256.hex(of: text) == first.pipelineSHA256 else {
            throw TaskError.mismatch(
                run: run, task: 0, what: "ran another version of \(first.pipeline) (it changed since)")
        }
        let ingest = IngestStep(options: config.ingest)
        let (allFiles, skipped, problems) = ingest.scan(first.inputs)
        let (plan, previous) = TaskRunner.plan(
            files: allFiles, current: transaction.current, fullRefresh: first.fullRefresh,
            pipelineSHA256: first.pipelineSHA256)
        guard TaskRunner.planDigest(plan, base: transaction.current?.version, tasks: first.tasks) == first.planSHA256
        else {
            throw TaskError.mismatch(run: run, task: 0, what: "read inputs that have changed since (the plan differs)")
        }
        if plan.nothingToDo && problems.isEmpty, let current = transaction.current {
            return Summary(
                published: false, committedAs: nil, version: current.version, tasks: first.tasks, counts: RunCounts(),
                shards: 0, rewritten: 0, relinked: 0, seconds: Date().timeIntervalSince(started))
        }

        let staging = try transaction.stagingFolder(run: run)
        var published = false
        defer { if !published { transaction.discardStaging(staging) } }
        for folder in [DatasetFolder.rejectsFolder, DatasetFolder.nearIndexFolder] {
            try FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
        }
        let builder = DocumentBuilder(config: config)
        let writer = try PartitionedWriter(
            datasetDir: dataset, stagingDir: staging, partitionBy: config.partitionBy, columns: builder.columns,
            shardOptions: config.writer, workers: 1)
        // The kept rows first, exactly as a single run remembers them.
        let start = try IncrementalCarryOver.start(
            previous, config: config, dataset: dataset, staging: staging, plan: plan, writer: writer,
            version: transaction.nextVersion)
        var dedup = start.dedup
        let kept = start.kept

        // Then every task's rows, in task order: the links a single run would give them.
        let commitRejects = "\(DatasetFolder.rejectsFolder)/\(run)-commit.jsonl"
        let ledger = RunLedger(rejects: try RejectsFile(path: staging + "/" + commitRejects))
        var relinked = 0
        var edits: [[Int: [Int64: Edit]]] = []
        for state in states {
            let (edit, n) = try relink(state, folder: tasks.task(state.task), dedup: &dedup, ledger: ledger)
            edits.append(edit)
            relinked += n
        }
        try ledger.rejects.close()

        // The shards: as the tasks wrote them, or rewritten with the new links.
        var entries: [Manifest.Shard] = []
        var moves: [(from: String, to: String)] = []
        var rewritten = 0
        for state in states {
            for (s, shard) in state.shards.enumerated() {
                let source = DatasetFolder.stagedPath(shard.path, in: tasks.task(state.task) + "/shards")
                guard FileManager.default.fileExists(atPath: source) else {
                    throw TaskError.shardGone(task: state.task, path: source)
                }
                let folder = (shard.path as NSString).deletingLastPathComponent
                let relative = folder + "/" + writer.reservePart(in: folder)
                let target = DatasetFolder.stagedPath(relative, in: staging)
                if let changes = edits[state.task][s] {
                    rewritten += 1
                    let (rows, metadata) = try ShardRewriter.patch(
                        source: source, target: target, schema: writer.schema, options: writer.options,
                        columns: Edit.columns, changes: changes.mapValues(\.change))
                    if rows == 0 { try FileManager.default.removeItem(atPath: target); continue }
                    let values = writer.partitionBy.map { ($0, shard.partition[$0.rawValue] ?? nil) }
                    entries.append(
                        try Manifest.Shard(
                            staged: PartitionedWriter.Shard(
                                relativePath: relative, partition: values, stagingPath: target, rows: rows,
                                metadata: metadata)))
                } else {
                    try FileOps.link(source, to: target)
                    var entry = shard
                    entry.path = relative
                    entries.append(entry)
                }
                moves.append((from: target, to: relative))
            }
        }

        // Rejects: each task's file, then the commit's (the near-duplicates it dropped).
        var rejects: [String] = []
        for state in states where state.rejects > 0 {
            let name = "\(DatasetFolder.rejectsFolder)/\(run)-\(state.task).jsonl"
            try FileOps.link(tasks.task(state.task) + "/rejects.jsonl", to: staging + "/" + name)
            rejects.append(name)
        }
        if ledger.rejects.lines > 0 { rejects.append(commitRejects) }
        moves += rejects.map { (from: staging + "/" + $0, to: $0) }
        let near = try start.nearIndex.map {
            try PipelineRunner.finishNear($0, name: start.segmentName, kept: start.keptNear)
        }
        moves += near?.moves ?? []

        // Counts: the tasks', with the commit's drops moved from written to dropped.
        var counts = RunCounts()
        for s in states { counts.add(s.counts) }
        counts.rowsWritten -= ledger.counts.droppedTotal
        for (reason, n) in ledger.counts.dropped { counts.dropped[reason, default: 0] += n }
        var read = Self.merged(states.flatMap(\.read))
        for i in read.indices {
            guard let change = ledger.perInput[read[i].path], var c = read[i].counts else { continue }
            c.rowsWritten -= change.droppedTotal
            for (reason, n) in change.dropped { c.dropped[reason, default: 0] += n }
            read[i].counts = c
        }
        guard counts.balanced else { throw DatasetError.unbalancedCounts(counts) }
        let (allInputs, datasetCounts) = IncrementalCarryOver.datasetInputs(
            files: allFiles, readNow: read, plan: plan, problems: problems)
        let taskRuns = states.map {
            Manifest.TaskRun(
                task: $0.task, host: $0.host, slurmJobID: $0.slurmJobID, startedAt: $0.startedAt,
                finishedAt: $0.finishedAt, counts: $0.counts)
        }
        let runRecord = Manifest.Run(
            id: run, startedAt: states.map(\.startedAt).min() ?? Manifest.iso(started),
            finishedAt: Manifest.iso(Date()), warraqVersion: WarraqInfo.version, pipeline: first.pipeline,
            pipelineName: config.name, pipelineSHA256: first.pipelineSHA256, workers: 1, counts: counts,
            tasks: first.tasks, taskRuns: taskRuns)
        let manifest = Manifest(
            version: 0, run: runRecord, inputs: allInputs, skippedFiles: skipped,
            schema: Manifest.columns(writer.schema, partitionBy: config.partitionBy),
            partitionBy: config.partitionBy.map(\.rawValue),
            shards: kept.unchanged + kept.rewritten + entries,
            rejects: (previous?.rejects ?? []) + rejects, counts: datasetCounts, nearIndex: near?.index)
        moves += kept.rewritten.map { (from: DatasetFolder.stagedPath($0.path, in: staging), to: $0.path) }
        let version = try IncrementalCarryOver.publish(
            manifest, moves: moves, config: config, transaction: transaction, staging: staging, writer: writer)
        published = true
        transaction.discardStaging(staging)
        // The version is current: the tasks' results are in it, and killed attempts' leftovers are of no use (the
        // run folder keeps run.json, the scripts and the logs).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tasks.path)) ?? []
        where Int(name) != nil || name.hasPrefix(".") || name.hasSuffix(".failed") {
            try? FileManager.default.removeItem(atPath: tasks.path + "/" + name)
        }
        return Summary(
            published: true, committedAs: nil, version: version, tasks: first.tasks, counts: counts,
            shards: entries.count + kept.rewritten.count, rewritten: rewritten, relinked: relinked,
            seconds: Date().timeIntervalSince(started))
    }

    /// What the commit changes in one row of a task's shard.
    struct Edit {
        var links: DedupRow.Links
        var drop: Bool

        /// The columns an edit changes.
        static let columns = ["duplicate_of", "near_duplicate_of", "near_duplicate_similarity"]

        var change: ShardRewriter.RowChange {
            guard !drop else { return .drop }
            return .set([
                "duplicate_of": links.duplicateOf.map { .string($0) } ?? .null,
                "near_duplicate_of": links.near.map { .string($0) } ?? .null,
                "near_duplicate_similarity": links.similarity.map { .double($0) } ?? .null,
            ])
        }
    }

    /// Runs the dedup step over task `state`'s rows; returns the edits of its shards (by shard index, then row
    /// index in the shard) where the links differ from the task's, and how many rows changed.
    private func relink(_ state: TaskState, folder: String, dedup: inout DedupStep, ledger: RunLedger) throws -> (
        [Int: [Int64: Edit]], Int
    ) {
        // Where the k-th row of a partition folder is: the task's shards of that folder, in order.
        var shardsOf: [String: [(index: Int, rows: Int64)]] = [:]
        for (i, shard) in state.shards.enumerated() {
            shardsOf[(shard.path as NSString).deletingLastPathComponent, default: []].append((i, shard.rows))
        }
        let segment = state.nearRows > 0 ? try NearIndexSegment.Reader(path: folder + "/near.idx") : nil
        let asidePath = folder + "/signatures.idx"
        let aside =
            FileManager.default.fileExists(atPath: asidePath) ? try NearIndexSegment.Reader(path: asidePath) : nil
        var nextIndexed = 0, nextAside = 0
        var edits: [Int: [Int64: Edit]] = [:]
        var changed = 0
        try DedupRow.read(path: folder + "/dedup.jsonl") { row in
            var doc = Document(
                id: row.id, text: row.excerpt ?? "", inputPath: row.inputPath, inputRecord: row.inputRecord)
            doc.inputFile = row.inputFile
            doc.contentHash = row.contentHash
            if row.indexed {
                guard let segment, nextIndexed < segment.rows.count else {
                    throw TaskError.unreadable(
                        path: folder + "/near.idx", problem: "it holds fewer rows than dedup.jsonl")
                }
                let r = segment.rows[nextIndexed]
                nextIndexed += 1
                doc.nearSignature = MinHashSignature(bandKeys: r.bandKeys, shingles: try segment.shingles(of: r))
            } else if row.keptAside {
                guard let aside, nextAside < aside.rows.count else {
                    throw TaskError.unreadable(path: asidePath, problem: "it holds fewer rows than dedup.jsonl")
                }
                let r = aside.rows[nextAside]
                nextAside += 1
                doc.nearSignature = MinHashSignature(bandKeys: r.bandKeys, shingles: try aside.shingles(of: r))
            }
            let drop = try dedup.mark(&doc)
            let links = DedupRow.Links(
                duplicateOf: doc.duplicateOf, near: doc.nearDuplicateOf, similarity: doc.nearDuplicateSimilarity)
            if let drop { try ledger.dropped(doc, drop) }
            guard links != row.links || drop != nil else { return }
            changed += 1
            var k = Int64(row.ordinal)
            for place in shardsOf[row.folder] ?? [] {
                if k < place.rows {
                    edits[place.index, default: [:]][k] = Edit(links: links, drop: drop != nil)
                    return
                }
                k -= place.rows
            }
            throw TaskError.unreadable(
                path: folder + "/dedup.jsonl", problem: "row \(row.ordinal) of \(row.folder) is in none of its shards")
        }
        return (edits, changed)
    }

    /// The state of every task 0..<N, or the error naming those missing, failed or still running.
    static func finishedTasks(_ folder: TaskFolder) throws -> [TaskState] {
        let states = try folder.finished()
        guard let n = folder.taskCount(finished: states) else {
            throw TaskError.noTasks(run: folder.run, folder: folder.path)
        }
        let status = TaskStatus.of(folder, tasks: n)
        let missing = status.filter { $0.state == .missing }.map(\.task)
        let failed = status.filter { $0.state == .failed }.map { ($0.task, $0.detail ?? "") }
        let running = status.filter { $0.state == .running }.map(\.task)
        guard missing.isEmpty && failed.isEmpty && running.isEmpty else {
            throw TaskError.incomplete(run: folder.run, missing: missing, failed: failed, running: running)
        }
        return (0..<n).compactMap { states[$0] }
    }

    /// The pieces of one input read by several tasks, as one input: their counts added.
    static func merged(_ read: [Manifest.Input]) -> [Manifest.Input] {
        var out: [Manifest.Input] = []
        for input in read {
            if let last = out.last, last.path == input.path {
                var c = last.counts ?? RunCounts()
                c.add(input.counts ?? RunCounts())
                out[out.count - 1].counts = c
                if out[out.count - 1].sha256.isEmpty { out[out.count - 1].sha256 = input.sha256 }
            } else {
                out.append(input)
            }
        }
        return out
    }
}
