import Foundation

/// Where the tasks of a sharded run (`warraq run --task I --tasks N --run R`) keep their results until
/// `warraq commit` publishes them. Nothing here is a published version, and no reader of the dataset sees it.
///
/// ```
/// DIR/_tasks/R/run.json              what `warraq slurm submit` submitted (tasks, job ids, options)
/// DIR/_tasks/R/job.sh, commit.sh     the job array's script and the commit's (Slurm)
/// DIR/_tasks/R/logs/                 the jobs' output (Slurm)
/// DIR/_tasks/R/I/                    task I's results, complete (renamed into place as its last step):
///     task.json                      what it read, wrote and counted (`TaskState`), host, job id, times
///     shards/…/part-N.parquet.staged its shards (no `**/*.parquet` glob matches them)
///     rejects.jsonl                  its rejected and filtered records
///     dedup.jsonl                    every row the dedup step saw, in order: content hash, id, place, links
///     near.idx                       the rows it indexed for near-duplicates (`NearIndexSegment`)
/// DIR/_tasks/R/I.failed              why task I's last attempt failed
/// DIR/_tasks/R/.I-HOST-PID/          task I while it runs (an attempt's own folder)
/// ```
public struct TaskFolder: Sendable {
    public let dataset: String
    public let run: String

    public init(dataset: String, run: String) {
        self.dataset = dataset
        self.run = run
    }

    /// Whether `run` can name a run's folder: 1 to 100 of A-Z a-z 0-9 . _ -, not starting with a dot.
    public static func isValidRun(_ run: String) -> Bool {
        !run.isEmpty && run.utf8.count <= 100 && !run.hasPrefix(".")
            && run.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E
                    || c == 0x5F || c == 0x2D
            }
    }

    static let folderName = "_tasks"

    /// `DIR/_tasks`.
    public static func root(of dataset: String) -> String { dataset + "/" + folderName }
    public var path: String { Self.root(of: dataset) + "/" + run }
    public func task(_ i: Int) -> String { path + "/" + String(i) }
    public func stateFile(_ i: Int) -> String { task(i) + "/task.json" }
    public func failedFile(_ i: Int) -> String { path + "/\(i).failed" }
    public var runFile: String { path + "/run.json" }
    public var logs: String { path + "/logs" }

    /// The folders of task `i`'s attempts still running or killed: (host, pid) of each.
    public func attempts(_ i: Int) -> [(host: String, pid: Int32)] {
        let prefix = ".\(i)-"
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).compactMap { name in
            guard name.hasPrefix(prefix), let dash = name.lastIndex(of: "-"),
                let pid = Int32(name[name.index(after: dash)...])
            else { return nil }
            return (String(name[name.index(name.startIndex, offsetBy: prefix.count)..<dash]), pid)
        }
    }

    /// The states of the tasks that finished, by task index.
    /// - Throws: `TaskError.unreadable` for a `task.json` that cannot be read.
    public func finished() throws -> [Int: TaskState] {
        var states: [Int: TaskState] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            guard let i = Int(name), FileManager.default.fileExists(atPath: stateFile(i)) else { continue }
            states[i] = try TaskState.load(path: stateFile(i))
        }
        return states
    }

    /// The run's number of tasks: as submitted (`run.json`), else as the finished tasks say; nil when neither is
    /// known.
    public func taskCount(finished: [Int: TaskState]) -> Int? {
        (try? SubmittedRun.read(self))?.tasks ?? finished.values.map(\.tasks).max()
    }

    /// The runs with a folder here, oldest first (run ids begin with their UTC time).
    public static func runs(in dataset: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root(of: dataset))) ?? []).filter {
            !$0.hasPrefix(".")
        }.sorted()
    }
}

/// What a finished task did: written last into its folder (`task.json`); the commit reads nothing a task did not
/// finish. Format "warraq-task/1".
public struct TaskState: Codable, Sendable {
    public static let format = "warraq-task/1"

    public var format = TaskState.format
    public var run: String
    public var task: Int
    public var tasks: Int
    public var host: String
    /// `SLURM_JOB_ID` (the array element's own job), when Slurm ran the task.
    public var slurmJobID: String?
    public var startedAt: String
    public var finishedAt: String
    public var warraqVersion: String
    public var pipeline: String
    public var pipelineSHA256: String
    /// The inputs as given (files or folders): the commit plans again from them and checks `planSHA256`.
    public var inputs: [String]
    public var fullRefresh: Bool
    /// The version the task planned against (nil: a new dataset, or a full refresh).
    public var baseVersion: Int?
    /// A digest of the whole run's plan (the files to read, the number of tasks): equal in every task of a run.
    public var planSHA256: String
    /// What this task read and did (its share of the path problems: task 0 holds them).
    public var counts: RunCounts
    /// The inputs (or pieces of inputs) it read, in order, with their counts.
    public var read: [Manifest.Input]
    /// Its shards, paths relative to its `shards/` folder, in the order the partitioned writer closed them.
    public var shards: [Manifest.Shard]
    public var rejects: Int
    public var nearRows: Int
    public var skippedFiles: [String]

    enum CodingKeys: String, CodingKey {
        case format, run, task, tasks, host, slurmJobID = "slurm_job_id", startedAt = "started_at"
        case finishedAt = "finished_at", warraqVersion = "warraq_version", pipeline
        case pipelineSHA256 = "pipeline_sha256", inputs, fullRefresh = "full_refresh", baseVersion = "base_version"
        case planSHA256 = "plan_sha256", counts, read, shards, rejects, nearRows = "near_rows"
        case skippedFiles = "skipped_files"
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { Array($0) } ?? []) + [0x0A]
    }

    public static func load(path: String) throws -> TaskState {
        guard let bytes = FileOps.contents(of: path, limit: 1 << 30) else {
            throw TaskError.unreadable(path: path, problem: "it cannot be read")
        }
        do {
            return try JSONDecoder().decode(TaskState.self, from: Data(bytes))
        } catch {
            throw TaskError.unreadable(path: path, problem: "\(error)")
        }
    }
}

/// What a task's failed attempt left (`I.failed`), for `warraq slurm status` and the commit's message.
public struct TaskFailure: Codable, Sendable {
    public var host: String
    public var pid: Int32
    public var slurmJobID: String?
    public var at: String
    public var error: String

    enum CodingKeys: String, CodingKey { case host, pid, slurmJobID = "slurm_job_id", at, error }
}

/// Errors of sharded runs: each says what to do.
public enum TaskError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, problem: String)
    case badTask(task: Int, tasks: Int)
    case noRun(dataset: String)
    case unknownRun(dataset: String, run: String)
    case incomplete(run: String, missing: [Int], failed: [(Int, String)], running: [Int])
    case mismatch(run: String, task: Int, what: String)
    case baseMoved(run: String, planned: Int?, current: Int?)
    case shardGone(task: Int, path: String)
    case noTasks(run: String, folder: String)
    case badRun(run: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let problem):
            return "\(path) is not a task's state: \(problem); run that task again (warraq slurm resubmit)"
        case .badTask(let task, let tasks):
            return "task \(task) of \(tasks): the task index must be in 0..<\(tasks) (--task, SLURM_ARRAY_TASK_ID or "
                + "JOB_COMPLETION_INDEX)"
        case .noRun(let dataset):
            return "no run id: give --run R (the same for every task of the run; outside Slurm there is no "
                + "SLURM_ARRAY_JOB_ID to take it from), e.g. --run $(date -u +%Y%m%dT%H%M%SZ); dataset \(dataset)"
        case .unknownRun(let dataset, let run):
            return "\(dataset) has no tasks of run \(run) (\(TaskFolder.root(of: dataset))/\(run) is missing); "
                + "nothing was published"
        case .incomplete(let run, let missing, let failed, let running):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing: tasks \(missing.map(String.init).joined(separator: ", "))") }
            for (i, why) in failed { parts.append("task \(i) failed: \(why)") }
            if !running.isEmpty { parts.append("running: tasks \(running.map(String.init).joined(separator: ", "))") }
            return "run \(run) is not complete, nothing was published; " + parts.joined(separator: "; ")
                + ". Run those tasks again (warraq slurm resubmit DIR, or warraq run … --task I), then commit."
        case .mismatch(let run, let task, let what):
            return "task \(task) of run \(run) \(what); nothing was published. Run every task of the run again "
                + "(with the same pipeline, inputs and --tasks)."
        case .baseMoved(let run, let planned, let current):
            return "the tasks of run \(run) planned against version \(planned.map(String.init) ?? "none"), but the "
                + "dataset is at version \(current.map(String.init) ?? "none") now; nothing was published. Run the "
                + "tasks again: they must see the version they extend."
        case .badRun(let run):
            return "\"\(run)\" cannot be a run id: use 1 to 100 letters, digits, dots, underscores and hyphens, "
                + "not starting with a dot"
        case .noTasks(let run, let folder):
            return "no task of run \(run) has finished or failed yet (\(folder)); nothing was published. Run the "
                + "tasks first (warraq run PIPELINE --tasks N --task I --run \(run))."
        case .shardGone(let task, let path):
            return "task \(task)'s shard \(path) is missing; nothing was published. Run task \(task) again."
        }
    }
}

/// What `warraq slurm submit` submitted (`run.json` in the run's folder): the run's tasks, its command line, and
/// the job ids of each submission (the first, then each `resubmit`).
public struct SubmittedRun: Codable, Sendable {
    public var run: String
    public var tasks: Int
    public var pipeline: String
    public var inputs: [String]
    public var output: String
    public var fullRefresh: Bool
    /// The sbatch options given: partition, time, cpus-per-task, mem, max-parallel.
    public var slurm: [String: String]
    public var arrayJobs: [String] = []
    public var commitJobs: [String] = []
    public var submittedAt: String

    enum CodingKeys: String, CodingKey {
        case run, tasks, pipeline, inputs, output, fullRefresh = "full_refresh", slurm, arrayJobs = "array_jobs"
        case commitJobs = "commit_jobs", submittedAt = "submitted_at"
    }

    public init(
        run: String, tasks: Int, pipeline: String, inputs: [String], output: String, fullRefresh: Bool,
        slurm: [String: String]
    ) {
        self.run = run; self.tasks = tasks; self.pipeline = pipeline; self.inputs = inputs; self.output = output
        self.fullRefresh = fullRefresh; self.slurm = slurm; submittedAt = Manifest.iso(Date())
    }

    public static func read(_ folder: TaskFolder) throws -> SubmittedRun {
        guard let bytes = FileOps.contents(of: folder.runFile, limit: 1 << 24) else {
            throw TaskError.unreadable(path: folder.runFile, problem: "it cannot be read")
        }
        do { return try JSONDecoder().decode(SubmittedRun.self, from: Data(bytes)) } catch {
            throw TaskError.unreadable(path: folder.runFile, problem: "\(error)")
        }
    }

    public func write(_ folder: TaskFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try FileOps.writeSynced(Array(try encoder.encode(self)) + [0x0A], to: folder.runFile)
    }
}

/// Where each task of a run stands: done (its results are in place), running (an attempt on this machine is alive,
/// or the scheduler lists it), failed (its last attempt said why), or missing (never ran, or was killed).
public struct TaskStatus: Sendable {
    public enum State: String, Sendable { case done, running, failed, missing }
    public var task: Int
    public var state: State
    /// Why it failed, or where it runs.
    public var detail: String?

    /// The status of tasks 0..<`tasks`; `queued` are the tasks the scheduler lists as pending or running.
    public static func of(_ folder: TaskFolder, tasks: Int, queued: Set<Int> = []) -> [TaskStatus] {
        let host = ProcessInfo.processInfo.hostName
        return (0..<tasks).map { i in
            if FileManager.default.fileExists(atPath: folder.stateFile(i)) { return TaskStatus(task: i, state: .done) }
            if queued.contains(i) { return TaskStatus(task: i, state: .running, detail: "queued or running") }
            if let a = folder.attempts(i).first(where: { $0.host == host && kill($0.pid, 0) == 0 }) {
                return TaskStatus(task: i, state: .running, detail: "pid \(a.pid) on \(a.host)")
            }
            if let bytes = FileOps.contents(of: folder.failedFile(i), limit: 1 << 20),
                let f = try? JSONDecoder().decode(TaskFailure.self, from: Data(bytes))
            {
                return TaskStatus(task: i, state: .failed, detail: "\(f.error) (on \(f.host) at \(f.at))")
            }
            return TaskStatus(task: i, state: .missing)
        }
    }
}
