import ArgumentParser
import Foundation
import Warraq

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file, or a dataset folder, at a glance.",
        discussion: """
            A file: schema, row groups, column chunks with encodings, codec, sizes and statistics. A dataset folder:
            its versions, partitions, rows, bytes, schema, per-column statistics, and drop and reject counts.
            """
    )

    @Argument(help: "A Parquet file or a dataset folder.") var file: String
    @Flag(help: "Print JSON for machines.") var json = false

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            let inspector = DatasetInspector(dataset: file)
            print(json ? JSONWriter.serialize(try inspector.json()) : try inspector.text())
            return
        }
        let inspector = try FileInspector(path: file)
        let text = json ? JSONWriter.serialize(inspector.json()) : inspector.text()
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
