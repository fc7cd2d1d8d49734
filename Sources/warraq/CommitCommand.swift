import ArgumentParser
import Foundation
import Warraq

struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Publish the tasks of a sharded run (warraq run --tasks N) as one new version of the dataset.",
        discussion: """
            Decides duplicate_of and near_duplicate_of across the tasks, in the order a single run reads the
            inputs, rewrites only the task shards whose links change, and publishes one version. Exit codes: 0
            published, or already committed, or nothing new (says which); 1 tasks are missing, failed or running,
            or do not belong together (names them; nothing published); 75 another run holds the dataset's lock.
            """)

    @Argument(help: "The dataset folder.") var dataset: String
    @Option(name: .customLong("run"), help: "The run id the tasks were given (--run, or slurm-<array job id>).")
    var runID: String
    @Flag(help: "Wait for another run on the dataset to finish, instead of exiting with code 75.") var wait = false

    func run() throws {
        var options = RunCommitter.Options(dataset: dataset, run: runID)
        options.waitForLock = wait
        let s = try RunCommitter(options: options).commit()
        if let v = s.committedAs {
            print("run \(runID) was committed before, as version \(v); nothing to do")
        } else if !s.published {
            print(
                "run \(runID): nothing new in its inputs; nothing published (the dataset stays at version \(s.version))"
            )
        } else {
            print(
                "run \(runID): \(s.tasks) tasks committed as version \(s.version): \(s.counts.recordsIn) records in, "
                    + "\(s.counts.rowsWritten) rows written, \(s.counts.rejectedTotal) rejected, "
                    + "\(s.counts.droppedTotal) dropped; \(s.shards) shards, \(s.rewritten) rewritten for links "
                    + "across tasks (\(s.relinked) rows relinked); "
                    + String(format: "%.2f s", s.seconds))
        }
    }
}
