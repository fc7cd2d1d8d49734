import CWarraqZlib

/// Thin wrappers over zlib: gzip-framed deflate for writing pages, and inflate that accepts
/// gzip or zlib framing and several concatenated gzip members for reading them.
///
/// Safety: zlib reads at most `avail_in` bytes at `next_in` and writes at most `avail_out` at `next_out`; each pair
/// is set from one buffer's own count (pages are under 1 GiB, so the counts fit `uInt`), and the pointers are used
/// only inside the closure that lends them. The `z_stream` is allocated once and freed on every path (`defer`).
enum Zlib {
    /// Compresses `input` as one gzip member (RFC 1952), as the Parquet spec requires for GZIP pages.
    static func gzip(_ input: UnsafeRawBufferPointer, level: Int32) throws(ParquetError) -> [UInt8] {
        // The z_stream must stay at one address from init to end: zlib keeps a pointer back to it.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        // windowBits 15 + 16 selects the gzip wrapper.
        let rc = cwarraq_deflateInit2(stream, level, 15 + 16)
        guard rc == Z_OK else { throw .io("zlib deflateInit2 failed with code \(rc)") }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let produced: Int = output.withUnsafeMutableBytes { out in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(out.count)
            let rc = deflate(stream, Z_FINISH)
            return rc == Z_STREAM_END ? out.count - Int(stream.pointee.avail_out) : -Int(rc) - 1000
        }
        guard produced >= 0 else { throw .io("zlib deflate did not finish (code \(-(produced + 1000)))") }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates gzip- or zlib-framed data, member after member, into exactly `expectedSize` bytes.
    /// - Throws: `ParquetError.corruptData` when the data is not valid or does not inflate to that size.
    static func inflate(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        // windowBits 15 + 32: detect gzip or zlib framing automatically.
        let rc = cwarraq_inflateInit2(stream, 15 + 32)
        guard rc == Z_OK else { throw .io("zlib inflateInit2 failed with code \(rc)") }
        defer { inflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: expectedSize)
        var failure: String?
        output.withUnsafeMutableBytes { out in
            var consumed = 0
            var produced = 0
            while consumed < input.count {
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(input.count - consumed)
                // One spare byte past the expected size tells us when a page inflates to more than it claims.
                var spare: UInt8 = 0
                let rc: Int32
                if produced < out.count {
                    stream.pointee.next_out = out.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = uInt(out.count - produced)
                    rc = CWarraqZlib.inflate(stream, Z_FINISH)
                    produced = out.count - Int(stream.pointee.avail_out)
                } else {
                    rc = withUnsafeMutablePointer(to: &spare) { p in
                        stream.pointee.next_out = p
                        stream.pointee.avail_out = 1
                        return CWarraqZlib.inflate(stream, Z_FINISH)
                    }
                    if stream.pointee.avail_out == 0 { failure = "page inflates to more than its \(expectedSize) bytes"; return }
                }
                consumed = input.count - Int(stream.pointee.avail_in)
                if rc == Z_STREAM_END {
                    // Another gzip member may follow; trailing zero padding is tolerated.
                    if consumed < input.count {
                        let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
                        if rest.allSatisfy({ $0 == 0 }) { break }
                        guard inflateReset(stream) == Z_OK else { failure = "zlib inflateReset failed"; return }
                    }
                    continue
                }
                if rc == Z_BUF_ERROR && produced == out.count {
                    failure = "page inflates to more than its \(expectedSize) bytes"; return
                }
                failure = rc == Z_BUF_ERROR ? "compressed data ends early (truncated gzip stream)"
                    : "gzip data is invalid (zlib code \(rc)\(stream.pointee.msg.map { ": " + String(cString: $0) } ?? ""))"
                return
            }
            if failure == nil && produced != out.count {
                failure = "page inflates to \(produced) bytes, header says \(expectedSize)"
            }
        }
        if let failure { throw .corruptData(failure) }
        return output
    }
}
