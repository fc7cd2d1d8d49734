import Foundation
import Parquet
import Testing
@testable import Warraq

@Suite struct ConvertTests {
    let schemaText =
        #"{"columns": [{"name": "id", "type": "string", "nullable": false}, {"name": "n", "type": "int32"}, "#
        + #"{"name": "tags", "type": "list<string>"}, {"name": "d", "type": "double"}]}"#

    private func withTemp<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warraq-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    @Test func convertsAndReadsBack() throws {
        try withTemp { dir in
            let input = dir.appendingPathComponent("in.jsonl")
            try """
            {"id": "a", "n": 1, "tags": ["x", null], "d": "NaN"}

            {"id": "بايدن", "extra": {"ignored": true}}\r
            {"id": "c", "n": -2147483648, "tags": [], "d": -1e-300}
            """.write(to: input, atomically: true, encoding: .utf8)
            let output = dir.appendingPathComponent("out.parquet").path
            let converter = JSONLinesConverter(
                schema: try SchemaFile.parse(schemaText, path: "s.json"), options: WriterOptions())
            #expect(try converter.convert(input: input.path, output: output) == 3)
            let rows = try ParquetFileReader(path: output).readAllRows()
            #expect(rows.map { $0["id"] } == [.string("a"), .string("بايدن"), .string("c")])
            #expect(rows[0]["tags"] == .list([.string("x"), .null]))
            #expect(rows[1]["n"] == .null && rows[2]["n"] == .int(-2_147_483_648))
        }
    }

    @Test(arguments: [
        (#"{"id": "a", "n": "seven"}"#, "column \"n\""),
        (#"{"id": null}"#, "column \"id\""),
        (#"{"id": "a", "n": 3000000000}"#, "column \"n\""),
        (#"{"id": "a", "tags": [1]}"#, "column \"tags\""),
        (#"{"id": "a""#, "not valid JSON"),
        (#"[1, 2]"#, "expected a JSON object"),
    ])
    func badValuesNameTheLineAndColumn(line: String, expected: String) throws {
        try withTemp { dir in
            let input = dir.appendingPathComponent("in.jsonl")
            try "{\"id\": \"ok\"}\n\(line)\n".write(to: input, atomically: true, encoding: .utf8)
            let output = dir.appendingPathComponent("out.parquet").path
            let converter = JSONLinesConverter(
                schema: try SchemaFile.parse(schemaText, path: "s.json"), options: WriterOptions())
            do {
                try converter.convert(input: input.path, output: output)
                Issue.record("expected an error for \(line)")
            } catch {
                let message = "\(error)"
                #expect(message.contains("in.jsonl:2:") && message.contains(expected), "\(message)")
                #expect(!FileManager.default.fileExists(atPath: output), "no partial output is left")
            }
        }
    }

    @Test func schemaFileErrorsAreClear() {
        #expect(throws: ToolError.self) {
            try SchemaFile.parse(#"{"columns": [{"name": "a", "type": "varchar"}]}"#, path: "s.json")
        }
        #expect(throws: ToolError.self) {
            try SchemaFile.parse(
                #"{"columns": [{"name": "a", "type": "string"}, {"name": "a", "type": "int32"}]}"#, path: "s.json")
        }
    }
}
