import ArgumentParser
import Foundation
import Warraq

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file's schema, row groups, column chunks, encodings, sizes and statistics."
    )

    @Argument(help: "The Parquet file.") var file: String
    @Flag(help: "Print JSON for machines.") var json = false

    func run() throws {
        let inspector = try FileInspector(path: file)
        let text = json ? JSONWriter.serialize(inspector.json()) : inspector.text()
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
