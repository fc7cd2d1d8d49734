import ArgumentParser
import Foundation
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
            VerifyCommand.self, HistoryCommand.self, RollbackCommand.self, CompactCommand.self, ConvertCommand.self, CatCommand.self,
        ]
    )

    static func main() {
        // Past a file size limit (ulimit -f), let write() fail with EFBIG instead of the signal killing us.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ValidationError {
            printUsageError(error)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            if code == .validationFailure { printUsageError(error) }
            FileHandle.standardError.write(Data("warraq: error: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }

    private static func printUsageError(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
    }
}
