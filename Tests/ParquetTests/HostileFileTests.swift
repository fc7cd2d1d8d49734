import Foundation
import Testing
@testable import Parquet

/// Crafted files that once trapped or exhausted memory (issue: memory-safe at any input). Each must give a
/// `ParquetError`, never a crash.
@Suite struct HostileFileTests {
    /// Writes "PAR1" + `body` + the footer + its length + "PAR1", and opens and reads it.
    private func read(body: [UInt8], footer: FileMetadata) throws -> [ParquetValue] {
        let footerBytes = footer.encoded()
        var file = Array("PAR1".utf8) + body + footerBytes
        let n = UInt32(footerBytes.count)
        file += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("PAR1".utf8)
        let url = try temporaryDirectory().appendingPathComponent("hostile.parquet")
        try Data(file).write(to: url)
        return try ParquetFileReader(path: url.path).readAllRows()
    }

    private func booleanFile(rows: Int64, pageValues: Int32, dataPageOffset: Int64 = 4) -> (
        body: [UInt8], footer: FileMetadata
    ) {
        // A V1 data page of booleans in RLE: a 4-byte length, then one run of `pageValues` trues.
        var run: [UInt8] = []
        var header = UInt64(pageValues) << 1
        while header >= 0x80 { run.append(UInt8(header & 0x7F) | 0x80); header >>= 7 }
        run.append(UInt8(header))
        run.append(1)
        let values = [UInt8(run.count), 0, 0, 0] + run
        let page = PageHeader(
            type: .dataPage, uncompressedSize: Int32(values.count), compressedSize: Int32(values.count),
            numValues: pageValues, encoding: .rle)
        let body = page.encoded() + values
        let column = ColumnChunkMetadata(
            type: .boolean, encodings: [.rle], path: ["b"], codec: .uncompressed, numValues: Int64(pageValues),
            totalUncompressedSize: Int64(body.count), totalCompressedSize: Int64(body.count),
            dataPageOffset: dataPageOffset)
        let schema = [
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(type: .boolean, repetition: .required, name: "b"),
        ]
        let footer = FileMetadata(
            version: 1, schema: schema, numRows: rows,
            rowGroups: [RowGroupMetadata(columns: [column], totalByteSize: Int64(body.count), numRows: rows)],
            keyValueMetadata: [], createdBy: "test", hasColumnOrders: false)
        return (body, footer)
    }

    @Test func anHonestRLEBooleanFileReads() throws {
        let (body, footer) = booleanFile(rows: 1000, pageValues: 1000)
        let rows = try read(body: body, footer: footer)
        #expect(rows.count == 1000)
        #expect(rows.allSatisfy { $0["b"] == .bool(true) })
    }

    /// Finding 7: a 116-byte file whose one boolean RLE run declares 2^26 values took readers to 12 GB.
    @Test func anRLEBombIsRefusedBeforeItExpands() throws {
        let (body, footer) = booleanFile(rows: 1 << 26, pageValues: 1 << 26)
        #expect(throws: ParquetError.self) { try read(body: body, footer: footer) }
    }

    /// Finding 5: `start + totalCompressedSize` overflowed when data_page_offset was 2^63 − 16.
    @Test func aDataPageOffsetNearInt64MaxIsCorrupt() throws {
        let (body, footer) = booleanFile(rows: 10, pageValues: 10, dataPageOffset: Int64.max - 15)
        #expect(throws: ParquetError.self) { try read(body: body, footer: footer) }
    }

    /// Finding 6: the children count was checked once per node, before nested children consumed elements.
    @Test func aSchemaWhoseChildrenOverrunTheListIsCorrupt() throws {
        let hex = "504152311502193c480172150400350018016715020015022500180178001600190c001f00000050415231"
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        let url = try temporaryDirectory().appendingPathComponent("schema.parquet")
        try Data(bytes).write(to: url)
        #expect(throws: ParquetError.self) { _ = try ParquetFileReader(path: url.path).readAllRows() }
    }

    /// Finding 4: `(v - 999) / 1000` overflowed for TIMESTAMP(NANOS) near Int64.min.
    @Test func nanosecondTimestampsRoundDownWithoutOverflow() {
        #expect(floorDivide(Int64.min, by: 1000) == Int64.min / 1000 - 1)
        #expect(floorDivide(-1, by: 1000) == -1)
        #expect(floorDivide(-1000, by: 1000) == -1)
        #expect(floorDivide(1999, by: 1000) == 1)
        #expect(floorDivide(Int64.max, by: 1000) == Int64.max / 1000)
    }

    @Test func aNegativeUncompressedPageSizeIsCorrupt() {
        #expect(throws: ParquetError.self) {
            _ = try [UInt8]([1, 2, 3]).withBytes { (raw) throws(ParquetError) in
                try PageCompression.decompress(raw, codec: .gzip, uncompressedSize: -5)
            }
        }
    }
}
