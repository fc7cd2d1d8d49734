import CWarraqZlib
import Foundation

/// Writes a gzip stream (RFC 1952) to a file handle, compressing as bytes arrive.
///
/// Safety: zlib reads `avail_in` bytes at `next_in` and writes `avail_out` at `next_out`, each set from one
/// buffer's count inside the closure that lends it; `run` returns only once zlib has taken all of the input
/// (`avail_in == 0`) or finished, so no pointer into `input` is used after its closure.
final class GzipWriter {
    private let handle: FileHandle
    // The z_stream must stay at one address for its whole life.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(handle: FileHandle, level: Int32 = 6) throws {
        self.handle = handle
        stream.initialize(to: z_stream())
        guard cwarraq_deflateInit2(stream, level, 15 + 16) == Z_OK else { throw DatasetError("zlib deflateInit2 failed") }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func write(_ bytes: [UInt8]) throws { try run(bytes, flush: Z_NO_FLUSH) }

    func finish() throws { try run([], flush: Z_FINISH) }

    private func run(_ bytes: [UInt8], flush: Int32) throws {
        var input = bytes
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = uInt(inBuf.count)
            while true {
                let (rc, produced) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(out.count)
                    let rc = deflate(stream, flush)
                    return (rc, out.count - Int(stream.pointee.avail_out))
                }
                if produced > 0 { try handle.write(contentsOf: Data(output[0..<produced])) }
                if rc == Z_STREAM_END { return }
                guard rc == Z_OK || rc == Z_BUF_ERROR else { throw DatasetError("zlib deflate failed (\(rc))") }
                if flush == Z_NO_FLUSH && stream.pointee.avail_in == 0 { return }
            }
        }
    }
}
