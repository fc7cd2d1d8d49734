/// Compresses and decompresses page bodies with a file's codec.
enum PageCompression {
    /// The largest page the reader inflates: a header asking for more is treated as corrupt.
    static let maxPageSize = 1 << 30

    /// Compresses a page body; `level` is the codec's (`CompressionCodec.levels`; nil: its default).
    static func compress(_ input: [UInt8], codec: CompressionCodec, level: Int32?) throws(ParquetError) -> [UInt8] {
        let level = level ?? codec.defaultLevel ?? 0
        switch codec {
        case .uncompressed: return input
        case .gzip:
            return try input.withBytes { (raw) throws(ParquetError) in try Deflate.gzip(raw, level: level) }
        case .zstd:
            return try input.withBytes { (raw) throws(ParquetError) in try Zstd.compress(raw, level: level) }
        case .snappy: return Snappy.compress(input)
        default: throw .unsupported("writing \(codec) pages")
        }
    }

    static func decompress(
        _ input: UnsafeRawBufferPointer, codec: CompressionCodec, uncompressedSize: Int
    ) throws(ParquetError) -> [UInt8] {
        guard uncompressedSize >= 0 else { throw .corruptData("page claims \(uncompressedSize) uncompressed bytes") }
        guard uncompressedSize <= maxPageSize else {
            throw .corruptData(
                "page claims \(uncompressedSize) uncompressed bytes, more than the \(maxPageSize) allowed")
        }
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw .corruptData("uncompressed page of \(input.count) bytes, header says \(uncompressedSize)")
            }
            return Array(input)
        case .gzip:
            // Deflate expands at most ~1032:1; a larger claim cannot be honest.
            guard uncompressedSize <= input.count * 1100 + 1024 else {
                throw .corruptData("page claims \(uncompressedSize) bytes from \(input.count) gzip bytes")
            }
            return try Zlib.inflate(input, expectedSize: uncompressedSize)
        case .snappy:
            guard uncompressedSize <= input.count * 64 + 1024 else {
                throw .corruptData("page claims \(uncompressedSize) bytes from \(input.count) snappy bytes")
            }
            return try Snappy.decompress(input, expectedSize: uncompressedSize)
        case .zstd:
            guard uncompressedSize <= input.count * Zstd.maxRatio + (1 << 17) else {
                throw .corruptData("page claims \(uncompressedSize) bytes from \(input.count) zstd bytes")
            }
            return try Zstd.decompress(input, expectedSize: uncompressedSize)
        default:
            throw .unsupported("\(codec) compression (this reader decodes GZIP, ZSTD, SNAPPY and UNCOMPRESSED)")
        }
    }
}
