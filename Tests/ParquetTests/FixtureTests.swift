import Foundation
import Testing
@testable import Parquet

/// Files written by other tools (apache/parquet-testing), valid and malformed.
@Suite struct FixtureTests {
    static let expectedRows: [String: Int] = [
        "ARROW-GH-43605.parquet": 21186, "alltypes_dictionary.parquet": 2, "alltypes_plain.parquet": 8,
        "alltypes_plain.snappy.parquet": 2,
        "binary.parquet": 12, "byte_stream_split_extended.gzip.parquet": 200, "concatenated_gzip_members.parquet": 513,
        "data_index_bloom_encoding_stats.parquet": 14, "datapage_v1-uncompressed-checksum.parquet": 5120,
        "datapage_v2.snappy.parquet": 5, "dict-page-offset-zero.parquet": 39, "int32_with_null_pages.parquet": 1000,
        "list_columns.parquet": 3, "nested_lists.snappy.parquet": 3, "nonnullable.impala.parquet": 1,
        "null_list.parquet": 1, "nullable.impala.parquet": 7, "nulls.snappy.parquet": 8,
        "old_list_structure.parquet": 1,
        "plain-dict-uncompressed-checksum.parquet": 1000, "repeated_no_annotation.parquet": 6,
        "rle_boolean_encoding.parquet": 68, "sort_columns.parquet": 6,
    ]

    @Test(arguments: fixtureNames("data"))
    func everyValidFixtureReads(name: String) throws {
        let reader = try ParquetFileReader(path: fixture("data/" + name))
        let rows = try reader.readAllRows()
        #expect(rows.count == Self.expectedRows[name], "\(name)")
    }

    @Test func alltypesPlainValues() throws {
        let reader = try ParquetFileReader(path: fixture("data/alltypes_plain.parquet"))
        let rows = try reader.readAllRows(columns: ["id", "bool_col", "string_col", "timestamp_col"])
        #expect(rows.map { $0["id"] } == [4, 5, 6, 7, 2, 3, 0, 1].map { ParquetValue.int($0) })
        #expect(rows[0]["bool_col"] == .bool(true) && rows[1]["bool_col"] == .bool(false))
        #expect(rows[0]["string_col"] == .bytes(Array("0".utf8)))
        // INT96 2009-03-01 00:00:00
        #expect(rows[0]["timestamp_col"] == .timestamp(1_235_865_600_000_000))
    }

    @Test func concatenatedGzipMembersAndV2Pages() throws {
        let rows = try ParquetFileReader(path: fixture("data/concatenated_gzip_members.parquet")).readAllRows()
        #expect(rows.first?["long_col"] == .int(1) && rows.last?["long_col"] == .int(513))
    }

    @Test func legacyListLayouts() throws {
        let old = try ParquetFileReader(path: fixture("data/old_list_structure.parquet")).readAllRows()
        #expect(old[0]["a"] == .list([.list([.int(1), .int(2)]), .list([.int(3), .int(4)])]))
        let nested = try ParquetFileReader(path: fixture("data/nested_lists.snappy.parquet")).readAllRows()
        #expect(
            nested[0]["a"]
                == .list([
                    .list([.list([.string("a"), .string("b")]), .list([.string("c")])]),
                    .list([.null, .list([.string("d")])]),
                ]))
    }

    @Test(arguments: fixtureNames("bad_data"))
    func everyBadFixtureGivesATypedError(name: String) {
        #expect(throws: ParquetError.self, "\(name)") {
            let reader = try ParquetFileReader(path: fixture("bad_data/" + name))
            _ = try reader.readAllRows()
        }
    }

    /// ZSTD pages, and a dictionary-index page of bit width 0 (what pyarrow reads: 21,186 zeros).
    @Test func zstdPagesWithABitWidthZeroDictionary() throws {
        let rows = try ParquetFileReader(path: fixture("data/ARROW-GH-43605.parquet")).readAllRows()
        #expect(rows.count == 21186 && rows.allSatisfy { $0["min_fl"] == .int(0) })
    }

    @Test func unsupportedCodecsAreNamed() {
        let page: [UInt8] = [1, 2, 3]
        do {
            _ = try page.withBytes { (raw) throws(ParquetError) in
                try PageCompression.decompress(raw, codec: .lz4, uncompressedSize: 3)
            }
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("LZ4") && error.description.contains("ZSTD, SNAPPY"))
        }
    }
}

/// Truncated and randomly corrupted files: a typed error or a successful read, never a crash or a hang.
@Suite struct CorruptionTests {
    private func sample() throws -> [UInt8] {
        var rng = SeededGenerator(seed: 99)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 300, using: &rng)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.parquet").path
        var options = WriterOptions()
        options.rowGroupSize = 8 << 10
        let writer = try ParquetFileWriter(path: path, schema: schema, options: options)
        try writer.write(table.columns)
        try writer.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func readAll(_ bytes: [UInt8], in dir: URL, _ i: Int) throws(ParquetError) {
        let path = dir.appendingPathComponent("c\(i).parquet").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try ParquetFileReader(path: path)
        _ = try reader.readAllRows()
    }

    @Test func truncatedFilesAreErrors() throws {
        let bytes = try sample()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, length) in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)).enumerated() {
            #expect(throws: ParquetError.self, "truncated to \(length)") {
                try readAll(Array(bytes.prefix(length)), in: dir, i)
            }
        }
    }

    @Test func randomlyCorruptedFilesNeverCrash() throws {
        let bytes = try sample()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: 2024)
        var errors = 0
        for i in 0..<400 {
            var corrupt = bytes
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = Int.random(in: 0..<corrupt.count, using: &rng)
                corrupt[at] = UInt8.random(in: 0...255, using: &rng)
            }
            do { try readAll(corrupt, in: dir, i) } catch { errors += 1 }
        }
        // Most corruptions must be detected (flips inside values can legitimately go unnoticed).
        #expect(errors > 50)
    }
}
