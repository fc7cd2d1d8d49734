import ArgumentParser
import Foundation
import Warraq

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a pipeline on a Slurm cluster: a job array of tasks, then one commit.",
        subcommands: [SlurmSubmitCommand.self, SlurmStatusCommand.self, SlurmResubmitCommand.self])
}

struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job array of N tasks over the pipeline's new inputs, and the commit after it.",
        discussion: """
            Writes the array's script (job.sh) and the commit's (commit.sh) into DIR/_tasks/<run>/, submits the
            array with sbatch, then the commit with --dependency=afterok:<array>. Prints both job ids. With
            nothing new to read, submits nothing. The dataset folder must be on a file system every node sees.
            """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(help: "The number of tasks.") var tasks: Int
    @Option(name: .customLong("input"), help: "An input file or folder (repeatable); replaces the pipeline's inputs.")
    var inputs: [String] = []
    @Option(help: "The dataset folder; replaces the pipeline's output.") var output: String?
    @Option(help: "sbatch --partition.") var partition: String?
    @Option(help: "sbatch --time, per task (e.g. 1:00:00).") var time: String?
    @Option(name: .customLong("cpus-per-task"), help: "sbatch --cpus-per-task: each task's worker threads.")
    var cpusPerTask: Int?
    @Option(help: "sbatch --mem, per task (e.g. 4G).") var mem: String?
    @Option(name: .customLong("max-parallel"), help: "At most K tasks at once (--array=0-(N-1)%K).")
    var maxParallel: Int?
    @Flag(help: "Read every input again.") var fullRefresh = false
    @Flag(help: "Return when the commit has ended, with its exit status.") var wait = false

    func validate() throws {
        guard tasks > 0 else { throw ValidationError("--tasks must be positive") }
        if let k = maxParallel, k <= 0 { throw ValidationError("--max-parallel must be positive") }
    }

    func run() throws {
        let (config, text) = try loadPipeline(pipeline)
        let inputs = (self.inputs.isEmpty ? config.inputs : self.inputs).map(Slurm.absolute)
        guard !inputs.isEmpty else { throw ValidationError("no inputs: give --input or list inputs in \(pipeline)") }
        guard let output = (output ?? config.output).map(Slurm.absolute) else {
            throw ValidationError("no output: give --output or set output in \(pipeline)")
        }
        guard
            try TaskRunner.hasWork(
                config: config, pipelineText: text, inputs: inputs, output: output, fullRefresh: fullRefresh)
        else {
            print("nothing new: every input is in the dataset unchanged; no job submitted, nothing published")
            return
        }
        var options: [String: String] = [:]
        if let partition { options["partition"] = partition }
        if let time { options["time"] = time }
        if let cpusPerTask { options["cpus-per-task"] = String(cpusPerTask) }
        if let mem { options["mem"] = mem }
        if let maxParallel { options["max-parallel"] = String(maxParallel) }
        let run = PipelineRunner.makeRunID(Date())
        var submitted = SubmittedRun(
            run: run, tasks: tasks, pipeline: Slurm.absolute(pipeline), inputs: inputs, output: output,
            fullRefresh: fullRefresh, slurm: options)
        let folder = TaskFolder(dataset: output, run: run)
        try submitted.write(folder)
        try Slurm.writeScripts(submitted, folder)
        try Slurm.submit(&submitted, folder, array: "0-\(tasks - 1)")
        if wait { throw ExitCode(try Slurm.waitForCommit(submitted, folder)) }
    }
}

struct SlurmStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the tasks of the dataset's last sharded run: done, running, failed, missing.")

    @OptionGroup var selection: RunSelection

    func run() throws {
        let (folder, tasks, submitted) = try selection.resolve()
        let statuses = TaskStatus.of(folder, tasks: tasks, queued: Slurm.queued(submitted))
        print(
            "run \(folder.run): \(tasks) tasks"
                + (DatasetFolder(folder.dataset).version(publishedBy: folder.run).map { "; committed as version \($0)" }
                    ?? "")
        )
        for s in statuses {
            print(
                "task \(s.task)".padding(toLength: 10, withPad: " ", startingAt: 0) + s.state.rawValue
                    + (s.detail.map { "  \($0)" } ?? ""))
        }
    }
}

struct SlurmResubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit",
        abstract: "Submit the failed and missing tasks of the last sharded run again, and the commit after them.")

    @OptionGroup var selection: RunSelection
    @Flag(help: "Return when the commit has ended, with its exit status.") var wait = false

    func run() throws {
        let (folder, tasks, stored) = try selection.resolve()
        guard var submitted = stored else {
            throw ValidationError("run \(folder.run) was not submitted with warraq slurm submit (no \(folder.runFile))")
        }
        if let v = DatasetFolder(folder.dataset).version(publishedBy: folder.run) {
            print("run \(folder.run) was committed as version \(v); nothing to resubmit")
            return
        }
        let queued = Slurm.queued(submitted)
        let redo = TaskStatus.of(folder, tasks: tasks, queued: queued)
            .filter { $0.state == .failed || $0.state == .missing }.map(\.task)
        try? FileManager.default.removeItem(atPath: folder.path + "/commit.status")
        if redo.isEmpty { print("every task is done or running; submitting the commit only") }
        // Tasks of earlier arrays still queued or running: the commit waits for them to end too.
        let earlier = queued.isEmpty ? [] : submitted.arrayJobs
        try Slurm.submit(
            &submitted, folder, array: redo.isEmpty ? nil : redo.map(String.init).joined(separator: ","),
            after: earlier)
        if wait { throw ExitCode(try Slurm.waitForCommit(submitted, folder)) }
    }
}

/// The dataset and run `status` and `resubmit` act on.
struct RunSelection: ParsableArguments {
    @Argument(help: "The dataset folder.") var dataset: String
    @Option(name: .customLong("run"), help: "The run (default: the last one).") var runID: String?

    func resolve() throws -> (TaskFolder, Int, SubmittedRun?) { try Slurm.lastRun(dataset, run: runID) }
}

/// sbatch, squeue and the scripts they run.
enum Slurm {
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// This warraq binary's absolute path (the nodes run the same one: a shared file system).
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? absolute(CommandLine.arguments[0])
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func writeScripts(_ s: SubmittedRun, _ folder: TaskFolder) throws {
        try FileManager.default.createDirectory(atPath: folder.logs, withIntermediateDirectories: true)
        var header = ["#!/bin/sh"]
        for key in ["partition", "time", "cpus-per-task", "mem"] {
            if let v = s.slurm[key] { header.append("#SBATCH --\(key)=\(v)") }
        }
        let options = Array(header.dropFirst())
        let exe = quoted(executable)
        var command = "exec \(exe) run \(quoted(s.pipeline))"
        for input in s.inputs { command += " --input \(quoted(input))" }
        command += " --output \(quoted(s.output)) --tasks \(s.tasks) --run \(quoted(s.run))"
        command += " --workers \"${SLURM_CPUS_PER_TASK:-1}\" --quiet" + (s.fullRefresh ? " --full-refresh" : "")
        var jobLines = [
            "#!/bin/sh", "#SBATCH --job-name=warraq-\(s.run)", "#SBATCH --output=\(folder.logs)/task-%a.out",
        ]
        jobLines += options
        jobLines += ["# One task of run \(s.run): its index is SLURM_ARRAY_TASK_ID.", command]
        var commitLines = [
            "#!/bin/sh", "#SBATCH --job-name=warraq-\(s.run)-commit", "#SBATCH --output=\(folder.logs)/commit-%j.out",
        ]
        commitLines += options.filter { !$0.contains("cpus-per-task") }
        commitLines += [
            "\(exe) commit \(quoted(s.output)) --run \(quoted(s.run)) --wait", "status=$?",
            "echo $status > \(quoted(folder.path + "/commit.status"))", "exit $status",
        ]
        let job = jobLines.joined(separator: "\n") + "\n"
        let commit = commitLines.joined(separator: "\n") + "\n"
        try Data(job.utf8).write(to: URL(fileURLWithPath: folder.path + "/job.sh"))
        try Data(commit.utf8).write(to: URL(fileURLWithPath: folder.path + "/commit.sh"))
    }

    /// Submits the array (`array`: "0-3", or "1,3"; nil: none) and the commit after it; records and prints the ids.
    /// - Parameter after: earlier jobs the commit also waits for (to end, however they end).
    static func submit(_ s: inout SubmittedRun, _ folder: TaskFolder, array: String?, after: [String] = []) throws {
        var conditions = after.map { "afterany:\($0)" }
        if let array {
            let spec = array + (s.slurm["max-parallel"].map { "%" + $0 } ?? "")
            let id = try sbatch(["--parsable", "--array=\(spec)", folder.path + "/job.sh"])
            s.arrayJobs.append(id)
            conditions.append("afterok:\(id)")
            print("submitted job array \(id) (tasks \(array) of run \(s.run))")
        }
        let dependency =
            conditions.isEmpty
            ? [] : ["--dependency=\(conditions.joined(separator: ","))", "--kill-on-invalid-dep=yes"]
        let commit = try sbatch(["--parsable"] + dependency + [folder.path + "/commit.sh"])
        s.commitJobs.append(commit)
        try s.write(folder)
        print("submitted commit job \(commit)" + (array == nil ? "" : " (after the array)"))
    }

    static func sbatch(_ arguments: [String]) throws -> String {
        let (status, out, err) = run("sbatch", arguments)
        guard status == 0,
            let id = out.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }),
            !id.isEmpty
        else {
            throw ValidationError("sbatch \(arguments.joined(separator: " ")) failed (exit \(status)): \(err)\(out)")
        }
        return id
    }

    /// Runs a program found on PATH; returns its status and output.
    static func run(_ program: String, _ arguments: [String]) -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [program] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (127, "", "\(program) cannot be started: \(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The tasks squeue lists as pending or running, for the run's array jobs (empty without squeue).
    static func queued(_ s: SubmittedRun?) -> Set<Int> {
        guard let s, !s.arrayJobs.isEmpty else { return [] }
        let (status, out, _) = run("squeue", ["-h", "-r", "-j", s.arrayJobs.joined(separator: ","), "-o", "%K"])
        guard status == 0 else { return [] }
        return Set(out.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    }

    /// The dataset's last run (or `run`): its folder, number of tasks, and what was submitted.
    static func lastRun(_ dataset: String, run: String?) throws -> (TaskFolder, Int, SubmittedRun?) {
        guard let id = run ?? TaskFolder.runs(in: dataset).last else {
            throw ValidationError("\(dataset) has no sharded runs (\(TaskFolder.root(of: dataset)) is empty)")
        }
        let folder = TaskFolder(dataset: dataset, run: id)
        let submitted = try? SubmittedRun.read(folder)
        let tasks = folder.taskCount(finished: (try? folder.finished()) ?? [:])
        guard let tasks else { throw TaskError.noTasks(run: id, folder: folder.path) }
        return (folder, tasks, submitted)
    }

    /// Waits until the last commit job has left the queue; returns its exit status (1 when it never ran: a task
    /// failed, so the dependency could not be met).
    static func waitForCommit(_ s: SubmittedRun, _ folder: TaskFolder) throws -> Int32 {
        guard let job = s.commitJobs.last else { return 1 }
        while true {
            let (status, out, _) = run("squeue", ["-h", "-j", job, "-o", "%T"])
            if status != 0 || out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
            Thread.sleep(forTimeInterval: 1)
        }
        if let text = FileOps.text(of: folder.path + "/commit.status"), let code = Int32(text) {
            return code
        }
        let statuses = TaskStatus.of(folder, tasks: s.tasks)
        let notDone = statuses.filter { $0.state != .done }.map { "task \($0.task) \($0.state.rawValue)" }
        FileHandle.standardError.write(
            Data(
                ("warraq: the commit of run \(s.run) did not run (" + notDone.joined(separator: ", ")
                    + "); see warraq slurm status \(s.output), then warraq slurm resubmit \(s.output)\n").utf8))
        return 1
    }
}
