import ArgumentParser
import Foundation
import Warraq

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: ingest, clean, annotate, partition, and publish Parquet shards with a manifest.",
        discussion: """
            Exit codes: 0 the run published, or had nothing new to publish (rejected records, if any, are in
            DIR/_rejects/ and counted in the summary); 1 the run failed and published nothing (the previous dataset
            is intact); 2 a usage or pipeline file error; 75 another run holds the dataset's lock.
            """
    )

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .customLong("input"), help: "An input file or folder (repeatable); replaces the pipeline's inputs.")
    var inputs: [String] = []
    @Option(help: "The dataset folder; replaces the pipeline's output.") var output: String?
    @Option(help: "Worker threads (default: the number of cores).") var workers: Int = ProcessInfo.processInfo
        .activeProcessorCount
    @Flag(help: "No progress output.") var quiet = false
    @Flag(help: "Wait for another run on the same dataset to finish, instead of exiting with code 75.") var wait = false
    @Flag(help: "Rebuild the dataset from every input, instead of reading only inputs that are new or changed.")
    var fullRefresh = false
    @Option(
        help: ArgumentHelp(
            "Run as one task of a sharded run of N tasks: read a slice of the inputs into the run's folder; "
                + "`warraq commit DIR --run R` publishes all tasks at once."))
    var tasks: Int?
    @Option(help: "This task's index, 0..<N (default: SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX).") var task: Int?
    @Option(
        name: .customLong("run"),
        help: "The sharded run's id, the same for all its tasks (default: slurm-SLURM_ARRAY_JOB_ID).")
    var runID: String?
    @Option(
        name: .customLong("log-format"),
        help: "text, or json: progress, the summary and errors as one JSON object a line.")
    var logFormat: LogFormat = .text

    func validate() throws {
        guard workers > 0 else { throw ValidationError("--workers must be positive") }
    }

    func run() throws {
        let (config, text) = try loadPipeline(pipeline)
        let inputs = self.inputs.isEmpty ? config.inputs : self.inputs
        guard !inputs.isEmpty else { throw ValidationError("no inputs: give --input or list inputs in \(pipeline)") }
        guard let output = output ?? config.output else {
            throw ValidationError("no output: give --output or set output in \(pipeline)")
        }
        var options = PipelineRunner.Options(
            config: config, pipelinePath: pipeline, pipelineText: text, inputs: inputs, output: output, workers: workers
        )
        options.quiet = quiet
        options.waitForLock = wait
        options.fullRefresh = fullRefresh
        options.liveProgress = logFormat == .text && isatty(STDERR_FILENO) == 1
        if let tasks { return try runTask(options, tasks: tasks) }
        let summary = try PipelineRunner(options: options).run()
        if logFormat == .json {
            print(JSONWriter.serialize(summary.json))
            return
        }
        guard summary.published else {
            print(
                "nothing new: all \(summary.unchangedInputs) inputs are in version \(summary.version) unchanged; "
                    + "nothing published"
            )
            return
        }
        if let why = summary.refreshReason { print("every input read again: \(why)") }
        print(RunSummaryTable.render(summary))
    }
}

extension RunCommand {
    /// One task of a sharded run.
    func runTask(_ options: PipelineRunner.Options, tasks: Int) throws {
        let env = ProcessInfo.processInfo.environment
        guard
            let index = task ?? env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init)
                ?? env["JOB_COMPLETION_INDEX"].flatMap(Int.init)
        else {
            throw ValidationError(
                "--tasks needs the task's index: --task I, or SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
        }
        guard let runID = self.runID ?? env["SLURM_ARRAY_JOB_ID"].map({ "slurm-\($0)" }) else {
            throw TaskError.noRun(dataset: options.output)
        }
        let state = try TaskRunner(options: TaskRunner.Options(runner: options, task: index, tasks: tasks, run: runID))
            .run()
        let folder = TaskFolder(dataset: options.output, run: runID).task(index)
        if logFormat == .json {
            print(
                JSONWriter.serialize(
                    .object(
                        JSONObject(members: [
                            ("time", .string(Manifest.iso(Date()))), ("level", .string("info")),
                            ("event", .string("task_done")), ("run", .string(runID)),
                            ("task", .number(String(index))), ("tasks", .number(String(tasks))),
                            ("counts", state.counts.json), ("shards", .number(String(state.shards.count))),
                            ("folder", .string(folder)),
                        ]))))
            return
        }
        print(
            "task \(index) of \(tasks) of run \(runID): \(state.counts.recordsIn) records in, "
                + "\(state.counts.rowsWritten) rows written in \(state.shards.count) shards, "
                + "\(state.counts.rejectedTotal) rejected, \(state.counts.droppedTotal) dropped; in \(folder). "
                + "Publish with: warraq commit \(options.output) --run \(runID)")
    }
}

/// Loads a pipeline file; its problems (`PipelineConfigError`) exit with code 2 and say what is wrong in the file,
/// without the usage lines (the command line was right; the file was not).
func loadPipeline(_ path: String) throws -> (PipelineConfig, String) { try PipelineConfig.load(path: path) }

/// The end-of-run summary for people.
enum RunSummaryTable {
    static func render(_ s: PipelineRunner.Summary) -> String {
        var rows: [(String, String)] = [
            ("records in", "\(s.counts.recordsIn)"),
            ("rows written", "\(s.counts.rowsWritten)"),
        ]
        for (reason, n) in s.counts.dropped.sorted(by: { $0.key < $1.key }) {
            rows.append(("dropped: \(reason)", "\(n)"))
        }
        for (reason, n) in s.counts.rejected.sorted(by: { $0.key < $1.key }) {
            rows.append(("rejected: \(reason)", "\(n)"))
        }
        for (encoding, n) in s.counts.decoded.sorted(by: { $0.key < $1.key }) {
            rows.append(("decoded from \(encoding)", "\(n)"))
        }
        rows += [
            ("version", "\(s.version)"),
            ("inputs unchanged", "\(s.unchangedInputs) (kept from earlier runs)"),
            ("shards", "\(s.shards)"),
            ("shard bytes", String(format: "%.2f MB", Double(s.shardBytes) / 1e6)),
            ("input bytes", String(format: "%.2f MB", Double(s.inputBytes) / 1e6)),
            (
                "time",
                String(format: "%.2f s (%.1f MB/s)", s.seconds, Double(s.inputBytes) / 1e6 / max(s.seconds, 0.001))
            ),
            ("manifest", s.manifestPath),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(
            separator: "\n")
    }
}
