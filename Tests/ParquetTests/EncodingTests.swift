import Foundation
import Testing
@testable import Parquet

@Suite struct RLEHybridTests {
    @Test(arguments: [0, 1, 2, 3, 7, 8, 13, 20, 32])
    func roundTripsRandomRuns(bitWidth: Int) throws {
        var rng = SeededGenerator(seed: UInt64(bitWidth) + 1)
        let maxValue: UInt64 = bitWidth == 0 ? 0 : (bitWidth == 32 ? UInt64(UInt32.max) : (1 << UInt64(bitWidth)) - 1)
        for length in [0, 1, 7, 8, 9, 100, 1000] {
            var values: [UInt32] = []
            while values.count < length {
                let v = UInt32(UInt64.random(in: 0...maxValue, using: &rng))
                let run = Int.random(in: 1...20, using: &rng)
                values += Array(repeating: v, count: min(run, length - values.count))
            }
            var encoded: [UInt8] = []
            RLEHybridEncoder(bitWidth: bitWidth).encode(values, into: &encoded)
            var decoded: [UInt32] = []
            try encoded.withBytes { (raw) throws(ParquetError) in
                var d = try RLEHybridDecoder(raw, start: 0, end: raw.count, bitWidth: bitWidth, what: "test")
                try d.decode(count: values.count, into: &decoded)
            }
            #expect(decoded == values, "bit width \(bitWidth), length \(length)")
        }
    }

    @Test func bitWidthZeroStillWritesItsRunHeader() {
        var encoded: [UInt8] = []
        RLEHybridEncoder(bitWidth: 0).encode([UInt32](repeating: 0, count: 5), into: &encoded)
        #expect(encoded == [5 << 1])
    }

    @Test func runsPastTheEndAreErrors() throws {
        // A bit-packed run of 2 groups at width 3 needs 6 bytes; give 2.
        let bytes: [UInt8] = [2 << 1 | 1, 0xFF, 0xFF]
        #expect(throws: ParquetError.self) {
            var out: [UInt8] = []
            try bytes.withBytes { (raw) throws(ParquetError) in
                var d = try RLEHybridDecoder(raw, start: 0, end: raw.count, bitWidth: 3, what: "test")
                try d.decode(count: 16, into: &out)
            }
        }
    }
}

@Suite struct ThriftTests {
    @Test func pageHeaderRoundTrips() throws {
        var header = PageHeader(
            type: .dataPage, uncompressedSize: 1_000_000, compressedSize: 123_456, numValues: 20_000,
            encoding: .rleDictionary)
        header.crc = -5
        let bytes = header.encoded()
        let decoded = try bytes.withBytes { (raw) throws(ParquetError) in
            var r = CompactReader(raw, what: "test")
            return try PageHeader(try r.readStruct())
        }
        #expect(decoded.uncompressedSize == 1_000_000 && decoded.compressedSize == 123_456)
        #expect(decoded.numValues == 20_000 && decoded.encoding == .rleDictionary && decoded.crc == -5)
    }

    @Test func fieldIDJumpsAndLongListsRoundTrip() throws {
        var w = CompactWriter()
        w.writeStructBody { w in
            w.field(1, i32: -1)
            w.field(40, i64: Int64.min)  // delta > 15: long-form header
            w.field(41, i32List: Array(0..<20))  // list of 15+: long-form list header
        }
        let decoded = try w.bytes.withBytes { (raw) throws(ParquetError) in
            var r = CompactReader(raw, what: "test")
            return try r.readStruct()
        }
        #expect(decoded.int(1) == -1)
        #expect(decoded.int(40) == Int64.min)
        #expect(decoded.list(41)?.count == 20)
    }

    @Test func truncatedStructIsAnError() {
        var w = CompactWriter()
        w.writeStructBody { $0.field(4, string: "a long enough name") }
        let cut = Array(w.bytes.prefix(6))
        #expect(throws: ParquetError.self) {
            try cut.withBytes { (raw) throws(ParquetError) in
                var r = CompactReader(raw, what: "test")
                _ = try r.readStruct()
            }
        }
    }
}

@Suite struct CodecTests {
    @Test func gzipRoundTripsAndConcatenatedMembersInflate() throws {
        var rng = SeededGenerator(seed: 7)
        let a = (0..<100_000).map { _ in UInt8.random(in: 0...20, using: &rng) }
        let b = Array("second member".utf8)
        let ga = try a.withBytes { (raw) throws(ParquetError) in try Deflate.gzip(raw, level: 6) }
        let gb = try b.withBytes { (raw) throws(ParquetError) in try Deflate.gzip(raw, level: 1) }
        #expect(ga[0] == 0x1F && ga[1] == 0x8B, "gzip framing")
        let both = ga + gb
        let out = try both.withBytes { (raw) throws(ParquetError) in
            try Zlib.inflate(raw, expectedSize: a.count + b.count)
        }
        #expect(out == a + b)
    }

    @Test func truncatedGzipIsAnError() throws {
        let data = Array(repeating: UInt8(65), count: 10_000) + Array("tail".utf8)
        let g = try data.withBytes { (raw) throws(ParquetError) in try Deflate.gzip(raw, level: 6) }
        let cut = Array(g.prefix(g.count / 2))
        #expect(throws: ParquetError.self) {
            try cut.withBytes { (raw) throws(ParquetError) in _ = try Zlib.inflate(raw, expectedSize: data.count) }
        }
    }

    @Test func snappyLiteralAndOverlappingCopy() throws {
        // "abcd" literal, then copy offset 4 length 8 (overlapping), giving "abcdabcdabcd".
        let block: [UInt8] = [12, 3 << 2, 97, 98, 99, 100, 0b001_0001 | (0 << 5), 4]
        let out = try block.withBytes { (raw) throws(ParquetError) in try Snappy.decompress(raw, expectedSize: 12) }
        #expect(String(decoding: out, as: UTF8.self) == "abcdabcdabcd")
    }

    /// The encoder's blocks decode to their input: text (Arabic, repetitive), random bytes, runs, the edges of
    /// a 64 KiB fragment and of literal and copy lengths.
    @Test func snappyBlocksDecodeToTheirInput() throws {
        var rng = SeededGenerator(seed: 11)
        let arabic = Array(
            String(repeating: "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في الرياض. ", count: 3000).utf8)
        var inputs: [[UInt8]] = [
            [], [7], Array("abcd".utf8), Array(repeating: 0, count: 100_000), arabic,
            (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) },
            (0..<70_000).map { _ in UInt8.random(in: 0...3, using: &rng) },
        ]
        for n in [59, 60, 61, 255, 256, 257, 65_535, 65_536, 65_537, 131_072] {
            inputs.append((0..<n).map { UInt8(truncatingIfNeeded: $0 % 251 &* 7) })
        }
        for input in inputs {
            let block = Snappy.compress(input)
            let out = try block.withBytes { (raw) throws(ParquetError) in
                try Snappy.decompress(raw, expectedSize: input.count)
            }
            #expect(out == input, "\(input.count) bytes")
        }
        #expect(Snappy.compress(arabic).count * 4 < arabic.count, "repetitive text compresses")
        #expect(
            Snappy.compress(inputs[5]).count <= inputs[5].count + inputs[5].count / 60 + 8, "random bytes do not grow")
    }

    @Test func zstdRoundTripsAndDamageIsAnError() throws {
        let data = Array(String(repeating: "مستشفى جديد في الرياض ", count: 5000).utf8)
        let z = try data.withBytes { (raw) throws(ParquetError) in try Zstd.compress(raw, level: 3) }
        #expect(z.count * 10 < data.count)
        let back = try z.withBytes { (raw) throws(ParquetError) in try Zstd.decompress(raw, expectedSize: data.count) }
        #expect(back == data)
        // Too small a size, too large a size, a truncated frame and a damaged one: errors, not traps.
        for (bytes, size) in [(z, data.count - 1), (z, data.count + 1), (Array(z.prefix(z.count / 2)), data.count)] {
            #expect(throws: ParquetError.self) {
                try bytes.withBytes { (raw) throws(ParquetError) in _ = try Zstd.decompress(raw, expectedSize: size) }
            }
        }
        var damaged = z
        damaged[0] ^= 0xFF
        #expect(throws: ParquetError.self) {
            try damaged.withBytes { (raw) throws(ParquetError) in
                _ = try PageCompression.decompress(raw, codec: .zstd, uncompressedSize: data.count)
            }
        }
        #expect(throws: ParquetError.self) {
            try z.withBytes { (raw) throws(ParquetError) in
                _ = try PageCompression.decompress(raw, codec: .zstd, uncompressedSize: 1 << 29)
            }
        }
    }

    @Test func levelsAreCheckedPerCodec() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = try TableSchema([ColumnSpec(name: "s", type: .string)])
        for (codec, level, ok) in [
            (CompressionCodec.gzip, Int32(12), true), (.gzip, 13, false), (.zstd, 22, true), (.zstd, 0, false),
            (.snappy, 1, false), (.snappy, nil, true), (.uncompressed, nil, true),
        ] as [(CompressionCodec, Int32?, Bool)] {
            var options = WriterOptions()
            options.codec = codec
            options.compressionLevel = level
            let path = dir.appendingPathComponent("\(codec)-\(level ?? -1).parquet").path
            let writer = try? ParquetFileWriter(path: path, schema: schema, options: options)
            #expect((writer != nil) == ok, "\(codec) level \(level.map(String.init) ?? "default")")
            try writer?.close()
        }
    }

    @Test func snappyCopyBeforeStartIsAnError() {
        let block: [UInt8] = [8, 0b001_0001, 4]
        #expect(throws: ParquetError.self) {
            try block.withBytes { (raw) throws(ParquetError) in _ = try Snappy.decompress(raw, expectedSize: 8) }
        }
    }
}

@Suite struct StatisticsTests {
    @Test func longStringBoundsStayBoundsAndValidUTF8() {
        let long = Array(String(repeating: "م", count: 200).utf8)
        let lower = StatisticsBuilder.prefix(long, limit: 101)
        #expect(lower.count == 100 && String(validating: lower, as: UTF8.self) != nil)
        let upper = StatisticsBuilder.roundedUpPrefix(long, limit: 101)!
        #expect(String(validating: upper, as: UTF8.self) != nil)
        #expect(upper.lexicographicallyPrecedes(long) == false && upper.count <= 101)
    }
}
