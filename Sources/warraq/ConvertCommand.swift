import ArgumentParser
import Foundation
import Parquet
import Warraq

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert JSON lines to a Parquet file with the given schema.",
        discussion: """
            SCHEMA.json is {"columns": [{"name": "id", "type": "string", "nullable": false}, ...]} with types
            string, int32, int64, double, bool, date ("YYYY-MM-DD"), timestamp ("YYYY-MM-DDTHH:MM:SS.ffffffZ")
            and list<string>. A missing key is null. A value that does not fit its column stops the conversion
            with an error naming the line and the column, and no output is left behind.
            """
    )

    @Argument(help: "The JSON lines input.") var input: String
    @Argument(help: "The Parquet file to write.") var output: String
    @Option(help: "The schema file (JSON).") var schema: String
    @Option(help: "Page compression: gzip, zstd, snappy or none.") var codec: String = "gzip"
    @Option(help: "The codec's level: gzip 0-12 (default 6), zstd 1-22 (default 3).") var level: Int32?
    @Option(name: .customLong("row-group-size"), help: "Close a row group at this many bytes of buffered data.")
    var rowGroupSize: Int = 128 << 20
    @Option(help: "Threads that compress pages (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard let codec = CompressionCodec(writableName: codec) else {
            throw ValidationError(
                "--codec must be \(CompressionCodec.writable.map(\.name).joined(separator: " or ")), not \(codec)")
        }
        if let level, let problem = codec.levelProblem(level) { throw ValidationError("--level \(problem)") }
        guard rowGroupSize > 0 else { throw ValidationError("--row-group-size must be positive") }
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: schema, encoding: .utf8) else {
            throw ToolError.unreadableSchema(path: schema)
        }
        var options = WriterOptions()
        options.createdBy = WarraqInfo.createdBy
        options.codec = CompressionCodec(writableName: codec) ?? .gzip  // checked in validate()
        options.compressionLevel = level
        options.rowGroupSize = rowGroupSize
        options.concurrency = threads
        let converter = JSONLinesConverter(schema: try SchemaFile.parse(text, path: schema), options: options)
        let rows = try converter.convert(input: input, output: output)
        FileHandle.standardError.write(Data("warraq: wrote \(rows) rows to \(output)\n".utf8))
    }
}
