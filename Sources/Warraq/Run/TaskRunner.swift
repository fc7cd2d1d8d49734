import Foundation
import Logging

/// Runs task I of N of a sharded run (`warraq run PIPELINE --task I --tasks N --run R`): plans like a single run
/// against the published version, reads its slice of the inputs (`TaskSlicer`), and writes its shards, rejects,
/// counts and dedup state into `DIR/_tasks/R/I/` (`TaskFolder`). It never takes the dataset's lock and never
/// touches the published version; `warraq commit` publishes all tasks at once (`RunCommitter`).
///
/// An attempt writes into its own folder (`.I-HOST-PID`) and renames it into place last, so a rerun (a requeue, a
/// preemption, the same index running twice) replaces only task I's results, with the same bytes.
public final class TaskRunner {
    public struct Options: Sendable {
        public var runner: PipelineRunner.Options
        public var task: Int
        public var tasks: Int
        public var run: String

        public init(runner: PipelineRunner.Options, task: Int, tasks: Int, run: String) {
            self.runner = runner; self.task = task; self.tasks = tasks; self.run = run
        }
    }

    let options: Options

    public init(options: Options) { self.options = options }

    /// Runs the task. - Returns: its state, as written to `task.json`.
    /// - Throws: after writing `I.failed` (why), when the task cannot finish.
    @discardableResult
    public func run() throws -> TaskState {
        guard options.tasks > 0, (0..<options.tasks).contains(options.task) else {
            throw TaskError.badTask(task: options.task, tasks: options.tasks)
        }
        guard TaskFolder.isValidRun(options.run) else { throw TaskError.badRun(run: options.run) }
        let folder = TaskFolder(dataset: options.runner.output, run: options.run)
        let host = ProcessInfo.processInfo.hostName
        let attempt = folder.path + "/.\(options.task)-\(host)-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: attempt, withIntermediateDirectories: true)
            let state = try runTask(in: attempt, host: host)
            CrashPoint.here("task-\(options.task)")  // a test kills task I here: a node lost before it finished
            try FileOps.writeSynced(state.encoded(), to: attempt + "/task.json")
            try place(attempt, as: folder.task(options.task))
            try? FileManager.default.removeItem(atPath: folder.failedFile(options.task))
            return state
        } catch {
            try? FileManager.default.removeItem(atPath: attempt)
            let failure = TaskFailure(
                host: host, pid: getpid(), slurmJobID: ProcessInfo.processInfo.environment["SLURM_JOB_ID"],
                at: Manifest.iso(Date()), error: "\(error)")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let bytes = try? encoder.encode(failure) {
                try? FileOps.writeSynced(Array(bytes) + [0x0A], to: folder.failedFile(options.task))
            }
            throw error
        }
    }

    /// The task's work, into `attempt`.
    private func runTask(in attempt: String, host: String) throws -> TaskState {
        let started = Date()
        let o = options.runner
        var config = o.config
        // A task keeps near-duplicates with their links: only the commit knows which are dropped.
        config.dedup.near.drop = false
        let current = try DatasetFolder(o.output).current()
        let ingest = IngestStep(options: config.ingest)
        let (allFiles, skipped, problems) = ingest.scan(o.inputs)
        let pipelineSHA256 = SHA256.hex(of: o.pipelineText)
        let plan = Self.plan(
            files: allFiles, current: current, fullRefresh: o.fullRefresh, pipelineSHA256: pipelineSHA256
        ).plan
        let files = TaskSlicer.slices(plan.toProcess, tasks: options.tasks)[options.task]

        let builder = DocumentBuilder(config: config)
        let writer = try PartitionedWriter(
            datasetDir: attempt, stagingDir: attempt + "/shards", partitionBy: config.partitionBy,
            columns: builder.columns, shardOptions: config.writer, workers: o.workers)
        let ledger = RunLedger(rejects: try RejectsFile(path: attempt + "/rejects.jsonl"))
        let near =
            try config.dedup.near.enabled
            ? NearDuplicateIndex(options: config.dedup.near, writingTo: attempt + "/near.idx") : nil
        var dedup = DedupStep(options: config.dedup, near: near)
        let rows = try DedupRow.Writer(path: attempt + "/dedup.jsonl")
        let excerpts = o.config.dedup.near.enabled && o.config.dedup.near.drop
        let aside =
            try excerpts
            ? NearIndexSegment.Writer(path: attempt + "/signatures.idx", parameters: config.dedup.near.minHash) : nil
        var ordinals: [String: Int] = [:]
        let progress = Progress(
            totalFiles: files.count, totalBytes: files.reduce(0) { $0 + $1.bytes }, quiet: o.quiet,
            live: o.liveProgress,
            logger: o.logger)
        var read = try PipelineRunner.process(
            files: files, problems: options.task == 0 ? problems : [], builder: builder, ingest: ingest,
            config: config, workers: o.workers, progress: progress, ledger: ledger, dedup: &dedup, writer: writer
        ) { doc, key in
            let ordinal = ordinals[key.folder, default: 0]
            ordinals[key.folder] = ordinal + 1
            var keptAside = false
            if let aside, doc.duplicateOf != nil, let signature = doc.nearSignature {
                try aside.append(id: doc.id, inputPath: doc.inputPath, signature: signature)
                keptAside = true
            }
            let row = DedupRow(
                contentHash: doc.contentHash, id: doc.id, inputPath: doc.inputPath, inputFile: doc.inputFile,
                inputRecord: doc.inputRecord, folder: key.folder, ordinal: ordinal,
                indexed: near != nil && doc.nearSignature != nil && doc.duplicateOf == nil,
                duplicateOf: doc.duplicateOf, nearDuplicateOf: doc.nearDuplicateOf,
                nearDuplicateSimilarity: doc.nearDuplicateSimilarity,
                excerpt: excerpts ? String(doc.text.prefix(200)) : nil, keptAside: keptAside)
            try rows.append(row)
        }
        progress.finish()
        guard ledger.counts.balanced else { throw DatasetError.unbalancedCounts(ledger.counts) }
        let shards = try Manifest.Shard.hashed(try writer.finish())
        try ledger.rejects.close()
        try rows.close()
        try near?.writer.finish()
        try aside?.finish()
        for i in read.indices { read[i].counts = ledger.perInput[read[i].path] ?? RunCounts() }
        let env = ProcessInfo.processInfo.environment
        return TaskState(
            run: options.run, task: options.task, tasks: options.tasks, host: host, slurmJobID: env["SLURM_JOB_ID"],
            startedAt: Manifest.iso(started), finishedAt: Manifest.iso(Date()), warraqVersion: WarraqInfo.version,
            pipeline: o.pipelinePath, pipelineSHA256: pipelineSHA256, inputs: o.inputs, fullRefresh: o.fullRefresh,
            baseVersion: current?.version,
            planSHA256: Self.planDigest(plan, base: current?.version, tasks: options.tasks),
            counts: ledger.counts, read: read, shards: shards, rejects: ledger.rejects.lines,
            nearRows: near?.writer.rows ?? 0, skippedFiles: skipped)
    }

    /// Whether a run of the pipeline over `inputs` into `output` would read anything (new or changed inputs, or
    /// paths that cannot be read): `warraq slurm submit` submits nothing otherwise.
    public static func hasWork(
        config: PipelineConfig, pipelineText: String, inputs: [String], output: String, fullRefresh: Bool
    ) throws -> Bool {
        let current = try DatasetFolder(output).current()
        let (files, _, problems) = IngestStep(options: config.ingest).scan(inputs)
        let plan = plan(
            files: files, current: current, fullRefresh: fullRefresh, pipelineSHA256: SHA256.hex(of: pipelineText)
        ).plan
        return !(plan.nothingToDo && problems.isEmpty && current != nil)
    }

    /// The run's plan against the current version, as a single run makes it (`IncrementalCarryOver.base`), and the
    /// version it extends.
    static func plan(
        files: [InputReader.InputFile], current: Manifest?, fullRefresh: Bool, pipelineSHA256: String
    ) -> (plan: IncrementalPlan, previous: Manifest?) {
        let previous = IncrementalCarryOver.base(current, fullRefresh: fullRefresh, pipelineSHA256: pipelineSHA256)
            .previous
        return (IncrementalPlan(files: files, previous: previous), previous)
    }

    /// What every task of a run must agree on: the version planned against, the files to read (path and size), the
    /// inputs kept, and the number of tasks.
    static func planDigest(_ plan: IncrementalPlan, base: Int?, tasks: Int) -> String {
        var text = "base \(base.map(String.init) ?? "-")\ntasks \(tasks)\n"
        for f in plan.toProcess { text += "read \(f.bytes) \(f.path)\n" }
        for i in plan.unchanged { text += "kept \(i.sha256) \(i.path)\n" }
        return SHA256.hex(of: text)
    }

    /// Puts a finished attempt in place of the task's folder: an earlier result is renamed away first and removed
    /// after. When another attempt of the same task wins the race, its result (the same bytes) is kept.
    private func place(_ attempt: String, as target: String) throws {
        let old = attempt + ".old"
        if FileManager.default.fileExists(atPath: target) { try? FileOps.move(target, to: old) }
        do {
            try FileOps.move(attempt, to: target)
        } catch  where FileManager.default.fileExists(atPath: target + "/task.json") {
            options.runner.logger.warning(
                "another attempt of task \(options.task) finished at the same time; its result is kept",
                metadata: ["event": "note"])
            try? FileManager.default.removeItem(atPath: attempt)
        }
        try? FileManager.default.removeItem(atPath: old)
        FileOps.syncFolder((target as NSString).deletingLastPathComponent)
    }
}
