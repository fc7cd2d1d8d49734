import ArgumentParser
import Foundation
import Parquet
import Warraq

struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the rows of a Parquet file as JSON lines or CSV.",
        discussion:
            "Values use the forms convert accepts: dates YYYY-MM-DD, timestamps YYYY-MM-DDTHH:MM:SS.ffffffZ, "
            + "lists as arrays."
    )

    enum Format: String, ExpressibleByArgument { case jsonl, csv }

    @Argument(help: "The Parquet file.") var file: String
    @Option(help: "jsonl or csv.") var format: Format = .jsonl
    @Option(help: "Comma-separated top-level columns to print, in this order.") var columns: String?

    func run() throws {
        let reader = try ParquetFileReader(path: file)
        let selected = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let names = selected ?? reader.columnNames
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        let stdout = FileHandle.standardOutput
        if format == .csv {
            for (i, name) in names.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CSVFormat.appendField(name, to: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        for g in reader.metadata.rowGroups.indices {
            for row in try reader.readRows(rowGroup: g, columns: selected) {
                switch format {
                case .jsonl:
                    JSONWriter.serialize(row.json(), to: &out)
                    out.append(0x0A)
                case .csv:
                    guard case .record(let fields) = row else { continue }
                    for (i, f) in fields.enumerated() {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        CSVFormat.appendField(CSVFormat.text(f.value), to: &out)
                    }
                    out.append(contentsOf: [0x0D, 0x0A])
                }
                if out.count >= 1 << 20 { stdout.write(Data(out)); out.removeAll(keepingCapacity: true) }
            }
        }
        stdout.write(Data(out))
    }
}
