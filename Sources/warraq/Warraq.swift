import ArgumentParser
import Foundation
import Logging
import Warraq

/// The `warraq` command. Exit codes: 0 success, 1 failure, 2 usage error.
@main
struct WarraqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warraq",
        abstract: "Warraq: raw news articles in, clean Arabic-aware Parquet datasets out.",
        version: WarraqInfo.version,
        subcommands: [
            RunCommand.self, AnnotateCommand.self, NormalizeCommand.self, ExportCommand.self, InspectCommand.self,
            VerifyCommand.self, HistoryCommand.self, RollbackCommand.self, CompactCommand.self, ConvertCommand.self,
            CatCommand.self, CommitCommand.self, SlurmCommand.self,
        ]
    )

    static func main() {
        // Past a file size limit (ulimit -f), let write() fail with EFBIG instead of the signal killing us.
        signal(SIGXFSZ, SIG_IGN)
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { fail(error) }
        WarraqLogging.bootstrap((command as? RunCommand)?.logFormat ?? .text)
        do { try command.run() } catch { fail(error) }
    }

    /// Ends the process for an error: usage errors with the usage, others logged with their exit code
    /// (`ExitStatus`).
    private static func fail(_ error: any Error) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        if error is ValidationError { printUsageError(error) }
        let code = exitCode(for: error)
        if code == .success || error is CleanExit { exit(withError: error) }
        if code == .validationFailure { printUsageError(error) }
        let status = ExitStatus.code(for: error)
        Logger(label: "warraq").error(
            "\(error)", metadata: ["event": "failed", "exit_code": .stringConvertible(status)])
        Foundation.exit(status)
    }

    private static func printUsageError(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usage)
    }
}
