import CWarraqZlib
import Foundation
import Parquet

/// Writes a gzip stream (RFC 1952) to a file handle, compressing as bytes arrive (through `ZlibStream`).
///
/// Safety: each `step` gets the untaken tail of the caller's bytes (`input[taken...]`, `taken <= bytes.count`, as
/// zlib reports what it took) and all of `output`, each with its own count, for the call only.
final class GzipWriter {
    private let handle: FileHandle
    private let stream: ZlibStream
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(handle: FileHandle, level: Int32 = 6) throws {
        self.handle = handle
        do { stream = try ZlibStream(.deflate(level: level, windowBits: 15 + 16)) } catch {
            throw DatasetError.compression(step: "deflateInit2", code: error.code)
        }
    }

    func write(_ bytes: [UInt8]) throws { try run(bytes, flush: Z_NO_FLUSH) }

    func finish() throws { try run([], flush: Z_FINISH) }

    /// Deflates all of `bytes`; returns once zlib has taken every byte (or, finishing, has ended the stream).
    private func run(_ bytes: [UInt8], flush: Int32) throws {
        var taken = 0
        while true {
            let step = bytes.withUnsafeBytes { input in
                output.withUnsafeMutableBytes {
                    stream.step(UnsafeRawBufferPointer(rebasing: input[taken...]), into: $0, flush: flush)
                }
            }
            taken += step.consumed
            if step.produced > 0 { try handle.write(contentsOf: Data(output[0..<step.produced])) }
            if step.code == Z_STREAM_END { return }
            guard step.code == Z_OK || step.code == Z_BUF_ERROR else {
                throw DatasetError.compression(step: "deflate", code: step.code)
            }
            if flush == Z_NO_FLUSH && taken == bytes.count { return }
        }
    }
}
