import Foundation
import Testing
@testable import Parquet

/// Writes tables with the writer and reads them back with the reader: every value must survive.
@Suite struct RoundTripTests {
    private func roundTrip(
        _ schema: TableSchema, _ columns: [ColumnData], options: WriterOptions = WriterOptions()
    ) throws -> (rows: [ParquetValue], reader: ParquetFileReader) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.parquet").path
        let writer = try ParquetFileWriter(path: path, schema: schema, options: options)
        try writer.write(columns)
        try writer.close()
        let reader = try ParquetFileReader(path: path)
        return (try reader.readAllRows(), reader)
    }

    private func expectSame(_ got: [ParquetValue], _ expected: [ParquetValue]) {
        #expect(got.count == expected.count)
        for (i, (g, e)) in zip(got, expected).enumerated() where !sameValue(g, e) {
            Issue.record("row \(i) differs:\n got \(g)\n expected \(e)")
            return
        }
    }

    @Test(arguments: [
        (UInt64(1), WriterOptions.Codec.gzip), (2, .uncompressed), (3, .gzip), (4, .zstd), (5, .snappy), (6, .zstd),
        (7, .snappy),
    ])
    func randomTablesOfEveryType(seed: UInt64, codec: WriterOptions.Codec) throws {
        var rng = SeededGenerator(seed: seed)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 3000, using: &rng)
        var options = WriterOptions()
        options.codec = codec.value
        options.concurrency = 2
        let (rows, _) = try roundTrip(schema, table.columns, options: options)
        expectSame(rows, table.rows)
    }

    @Test func zeroRows() throws {
        let schema = try allTypesSchema()
        let (rows, reader) = try roundTrip(schema, schema.columns.map(ColumnData.init))
        #expect(rows.isEmpty)
        #expect(reader.metadata.numRows == 0 && reader.columnNames.count == schema.columns.count)
    }

    @Test func oneDistinctValueUsesBitWidthZero() throws {
        let schema = try TableSchema([ColumnSpec(name: "s", type: .string, nullable: false)])
        var column = ColumnData(spec: schema.columns[0])
        for _ in 0..<1000 { column.append(string: "الكرملين") }
        let (rows, reader) = try roundTrip(schema, [column])
        #expect(rows.count == 1000 && rows.allSatisfy { $0["s"] == .string("الكرملين") })
        #expect(reader.metadata.rowGroups[0].columns[0].encodings.contains(.rleDictionary))
    }

    /// zstd pages are cut at 4 MiB (its window then reaches across articles), the other codecs' at 1 MiB, and a page
    /// size given is kept whatever the codec.
    @Test(
        arguments: [
            (CompressionCodec.zstd, nil, 3), (.gzip, nil, 12), (.snappy, nil, 12), (.zstd, 1 << 20, 12),
        ] as [(CompressionCodec, Int?, Int)])
    func pagesAreCutAtTheCodecsPageSize(codec: CompressionCodec, pageSize: Int?, pages: Int) throws {
        let schema = try TableSchema([ColumnSpec(name: "s", type: .string, nullable: false)])
        var column = ColumnData(spec: schema.columns[0])
        var rng = SeededGenerator(seed: 7)
        // 12 MiB of distinct texts of 3,072 letters (3,076 bytes with its length): PLAIN pages (no dictionary), cut
        // by size alone, 341 rows to a 1 MiB page and 1,364 to a 4 MiB one.
        var letters = [UInt8](repeating: 0, count: 3072)
        for _ in 0..<4092 {
            for k in stride(from: 0, to: letters.count, by: 8) {
                let r = rng.next()
                for b in 0..<8 { letters[k + b] = 97 + UInt8(truncatingIfNeeded: r >> UInt64(8 * b)) % 26 }
            }
            column.append(string: String(decoding: letters, as: UTF8.self))
        }
        var options = WriterOptions()
        options.codec = codec
        options.pageSize = pageSize
        let (rows, reader) = try roundTrip(schema, [column], options: options)
        #expect(rows.count == 4092)
        let stats = reader.metadata.rowGroups[0].columns[0].encodingStats ?? []
        #expect(stats.filter { $0.pageType == .dataPage }.reduce(0) { $0 + Int($1.count) } == pages)
    }

    @Test func dictionaryFallsBackToPlainPastItsLimit() throws {
        let schema = try TableSchema([ColumnSpec(name: "s", type: .string)])
        var column = ColumnData(spec: schema.columns[0])
        var expected: [ParquetValue] = []
        // Repeats first (so the dictionary is worth trying), then 100k distinct values.
        for i in 0..<100_000 {
            let s = i < 2000 ? "repeat-\(i % 10)" : "distinct-value-\(i)-padding-padding"
            column.append(string: s)
            expected.append(.record([.init(name: "s", value: .string(s))]))
        }
        let (rows, reader) = try roundTrip(schema, [column])
        expectSame(rows, expected)
        let chunk = reader.metadata.rowGroups[0].columns[0]
        #expect(chunk.encodings.contains(.rleDictionary) && chunk.encodings.contains(.plain))
        #expect(chunk.encodingStats?.contains { $0.pageType == .dataPage && $0.encoding == .plain } == true)
    }

    @Test func valuesLargerThanAPage() throws {
        let schema = try TableSchema([ColumnSpec(name: "text", type: .string), ColumnSpec(name: "n", type: .int64)])
        var text = ColumnData(spec: schema.columns[0]), n = ColumnData(spec: schema.columns[1])
        var expected: [ParquetValue] = []
        for i in 0..<5 {
            let s = String(repeating: "كلمة \(i) ", count: 150_000)  // ~1.4 MB each
            text.append(string: s); n.append(int64: Int64(i))
            expected.append(.record([.init(name: "text", value: .string(s)), .init(name: "n", value: .int(Int64(i)))]))
        }
        let (rows, reader) = try roundTrip(schema, [text, n])
        expectSame(rows, expected)
        let stats = reader.metadata.rowGroups[0].columns[0].statistics!
        #expect(stats.maxValue!.count <= WriterOptions().statisticsTruncateLength && stats.isMaxExact == false)
    }

    @Test func manyRowGroupsCutBySize() throws {
        var rng = SeededGenerator(seed: 11)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 5000, using: &rng)
        var options = WriterOptions()
        options.rowGroupSize = 64 << 10
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.parquet").path
        let writer = try ParquetFileWriter(path: path, schema: schema, options: options)
        // Hand the rows over in slices, as a streaming caller would.
        for start in stride(from: 0, to: 5000, by: 500) {
            var batch = writer.makeBatch()
            let slice = try randomTableSlice(table.rows[start..<min(start + 500, 5000)], schema: schema)
            for i in batch.indices { batch[i].append(contentsOf: slice[i]) }
            try writer.write(batch)
        }
        try writer.close()
        let reader = try ParquetFileReader(path: path)
        #expect(reader.metadata.rowGroups.count >= 5)
        expectSame(try reader.readAllRows(), table.rows)
        let some = try reader.readRows(rowGroup: 1, columns: ["int64_req", "string_opt"])
        #expect(
            some.first.map { if case .record(let f) = $0 { f.map(\.name) } else { [] } } == ["int64_req", "string_opt"])
    }

    @Test func oneLargeBatchIsCutIntoRowGroupsBetweenRows() throws {
        var rng = SeededGenerator(seed: 12)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 4000, using: &rng)
        var options = WriterOptions()
        options.rowGroupSize = 100 << 10
        let (rows, reader) = try roundTrip(schema, table.columns, options: options)
        expectSame(rows, table.rows)
        let groups = reader.metadata.rowGroups
        #expect(groups.count >= 4)
        // Every group but the last closes within a few rows of the target size.
        for g in groups.dropLast() { #expect(g.numRows < 4000 / 2) }
    }

    @Test func allNullColumnsWriteNoEmptyDictionary() throws {
        let schema = try allTypesSchema()
        let nullable = try TableSchema(schema.columns.filter(\.nullable))
        var columns = nullable.columns.map(ColumnData.init)
        for i in columns.indices { for _ in 0..<300 { try columns[i].appendNull() } }
        let (rows, reader) = try roundTrip(nullable, columns)
        #expect(rows.count == 300 && rows.allSatisfy { row in nullable.columns.allSatisfy { row[$0.name] == .null } })
        for chunk in reader.metadata.rowGroups[0].columns {
            #expect(!chunk.encodings.contains(.rleDictionary) && chunk.dictionaryPageOffset == nil)
            #expect(chunk.statistics?.nullCount == 300 && chunk.statistics?.minValue == nil)
        }
    }

    @Test func nullInARequiredColumnIsRefused() throws {
        var column = ColumnData(spec: ColumnSpec(name: "id", type: .string, nullable: false))
        #expect(throws: ParquetError.self) { try column.appendNull() }
    }

    @Test func statisticsAreWrittenForEveryColumn() throws {
        var rng = SeededGenerator(seed: 5)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 500, using: &rng)
        let (_, reader) = try roundTrip(schema, table.columns)
        #expect(reader.metadata.hasColumnOrders)
        for (i, chunk) in reader.metadata.rowGroups[0].columns.enumerated() {
            let stats = try #require(chunk.statistics, "column \(i)")
            #expect(stats.nullCount != nil)
            #expect(stats.minValue != nil && stats.maxValue != nil, "column \(reader.schema.leaves[i].dottedPath)")
        }
        let ints = reader.metadata.rowGroups[0].columns[reader.schema.leaves.firstIndex { $0.path == ["int64_req"] }!]
        let values = table.rows.compactMap { if case .int(let v)? = $0["int64_req"] { v } else { nil } }
        #expect(
            reader.schema.leaves.first { $0.path == ["int64_req"] }!.statisticValue(ints.statistics!.minValue!)
                == .int(values.min()!))
    }
}

extension WriterOptions {
    /// Codecs as test arguments.
    enum Codec: Sendable, CustomStringConvertible {
        case gzip, zstd, snappy, uncompressed
        var value: CompressionCodec {
            switch self {
            case .gzip: .gzip
            case .zstd: .zstd
            case .snappy: .snappy
            case .uncompressed: .uncompressed
            }
        }
        var description: String { value.name }
    }
}

/// Rebuilds column buffers from expected rows (the inverse of `randomTable`).
func randomTableSlice(_ rows: ArraySlice<ParquetValue>, schema: TableSchema) throws -> [ColumnData] {
    var columns = schema.columns.map(ColumnData.init)
    for row in rows {
        for (c, spec) in schema.columns.enumerated() {
            switch row[spec.name]! {
            case .null: try columns[c].appendNull()
            case .string(let s): columns[c].append(string: s)
            case .int(let v):
                if spec.type == .int32 { columns[c].append(int32: Int32(v)) } else { columns[c].append(int64: v) }
            case .double(let d): columns[c].append(double: d)
            case .bool(let b): columns[c].append(bool: b)
            case .date(let d): columns[c].append(int32: d)
            case .timestamp(let t): columns[c].append(int64: t)
            case .list(let items): columns[c].append(list: items.map { if case .string(let s) = $0 { s } else { nil } })
            default: Issue.record("unexpected value")
            }
        }
    }
    return columns

}

extension RoundTripTests {
    /// `copyRowGroup`: row groups copied chunk by chunk (no decoding) with some columns encoded anew read back as the
    /// source's rows with those columns' values replaced; a chunk whose offsets lie outside its file is an error.
    @Test func rowGroupsCopiedWithColumnsReplaced() throws {
        var rng = SeededGenerator(seed: 7)
        let schema = try allTypesSchema()
        let table = try randomTable(schema, rows: 2000, using: &rng)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = WriterOptions()
        options.rowGroupSize = 64 << 10
        let sourcePath = dir.appendingPathComponent("source.parquet").path
        let writer = try ParquetFileWriter(path: sourcePath, schema: schema, options: options)
        try writer.write(table.columns)
        try writer.close()
        let source = try ParquetFileReader(path: sourcePath)
        #expect(source.metadata.rowGroups.count > 2)

        // Group 0 copied whole; the others with the string column replaced by its values reversed within the group.
        let copyPath = dir.appendingPathComponent("copy.parquet").path
        let copy = try ParquetFileWriter(path: copyPath, schema: schema, options: options)
        var expected: [ParquetValue] = []
        let c = try #require(schema.columns.firstIndex { $0.name == "string_opt" })
        let name = schema.columns[c].name
        for g in source.metadata.rowGroups.indices {
            let rows = try source.readRows(rowGroup: g)
            if g == 0 {
                try copy.copyRowGroup(g, of: source)
                expected += rows
                continue
            }
            var replaced = ColumnData(spec: schema.columns[c])
            let values = Array(rows.map { $0[name] ?? .null }.reversed())
            for v in values {
                if case .string(let text) = v { replaced.append(string: text) } else { try replaced.appendNull() }
            }
            try copy.copyRowGroup(g, of: source, replacing: [c: replaced])
            for (row, v) in zip(rows, values) {
                guard case .record(var fields) = row else { continue }
                fields[c].value = v
                expected.append(.record(fields))
            }
        }
        try copy.close()
        let read = try ParquetFileReader(path: copyPath)
        expectSame(try read.readAllRows(), expected)
        #expect(read.metadata.rowGroups.count == source.metadata.rowGroups.count)

        // A replacement of the wrong length, a missing row group, and chunks whose sizes or offsets lie outside their
        // file are errors, not traps.
        let bad = try ParquetFileWriter(path: dir.appendingPathComponent("bad.parquet").path, schema: schema)
        #expect(throws: ParquetError.self) {
            try bad.copyRowGroup(1, of: source, replacing: [c: ColumnData(spec: schema.columns[c])])
        }
        #expect(throws: ParquetError.self) { try bad.copyRowGroup(5_000, of: source) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sourcePath)))
        let footerStart = bytes.count - 8 - Int(source.metadata.encoded().count)
        for damage in [
            { (m: inout ColumnChunkMetadata) in m.totalCompressedSize = .max },
            { (m: inout ColumnChunkMetadata) in m.dataPageOffset = .max },
            { (m: inout ColumnChunkMetadata) in
                m.dataPageOffset = -5; m.dictionaryPageOffset = nil
            },
            { (m: inout ColumnChunkMetadata) in
                m.dictionaryPageOffset = 4; m.dataPageOffset = .max
            },
        ] {
            var broken = source.metadata
            damage(&broken.rowGroups[0].columns[1])
            let footer = broken.encoded()
            var file = Array(bytes[..<footerStart]) + footer
            file.appendLittleEndian(UInt32(footer.count))
            file += Array("PAR1".utf8)
            let path = dir.appendingPathComponent("broken.parquet").path
            try Data(file).write(to: URL(fileURLWithPath: path))
            // Refused when the file is opened, or when its chunk is copied.
            #expect(throws: ParquetError.self) { try bad.copyRowGroup(0, of: try ParquetFileReader(path: path)) }
        }
    }
}
