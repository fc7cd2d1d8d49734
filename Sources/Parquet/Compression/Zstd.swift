import CWarraqZstd

/// ZSTD pages (RFC 8878 frames), written and read with libzstd: Polars' default codec, and the one most new Parquet
/// files use.
///
/// Safety: libzstd reads `input.count` bytes of `input` and writes at most `out.count` bytes into `out` (the array's
/// own buffer), only during the call.
enum Zstd {
    /// The most a ZSTD page can honestly expand: a block of at most 128 KiB is at least 3 bytes (an RLE block).
    static let maxRatio = 1 << 16

    static func compress(_ input: UnsafeRawBufferPointer, level: Int32) throws(ParquetError) -> [UInt8] {
        if let problem = CompressionCodec.zstd.levelProblem(level) {
            throw .invalidValue("zstd level \(level) \(problem)")
        }
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let written = out.withUnsafeMutableBytes {
            ZSTD_compress($0.baseAddress, $0.count, input.baseAddress, input.count, level)
        }
        guard ZSTD_isError(written) == 0 else { throw .io("zstd could not compress a page: \(errorName(written))") }
        out.removeSubrange(written...)
        return out
    }

    /// Decompresses one or more frames into exactly `expectedSize` bytes.
    /// - Throws: `ParquetError.corruptData` when the data is not zstd or does not decompress to that size.
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expectedSize)
        let written = out.withUnsafeMutableBytes {
            ZSTD_decompress($0.baseAddress, $0.count, input.baseAddress, input.count)
        }
        guard ZSTD_isError(written) == 0 else {
            throw .corruptData(
                "zstd data is invalid (\(errorName(written))); the page header says \(expectedSize) bytes")
        }
        guard written == expectedSize else {
            throw .corruptData("zstd page decompresses to \(written) bytes, header says \(expectedSize)")
        }
        return out
    }

    private static func errorName(_ code: Int) -> String { String(cString: ZSTD_getErrorName(code)) }
}
