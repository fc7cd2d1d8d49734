import CWarraqZlib

/// One zlib stream, deflating or inflating: the package's only owner of a `z_stream`. Pages, gzip inputs and CSV
/// exports all go through `step`.
///
/// Safety: the `z_stream` is allocated once and stays at one address until `deinit` (zlib keeps a pointer back to
/// it). `step` sets `next_in`/`avail_in` and `next_out`/`avail_out` from the two buffers it is given, each with its
/// own count (clamped to `uInt`), and zlib reads and writes only inside them; no pointer outlives the call.
package final class ZlibStream {
    package enum Mode {
        /// Deflate at `level` (0–9); `windowBits` 15 + 16 writes one gzip member.
        case deflate(level: Int32, windowBits: Int32)
        /// Inflate; `windowBits` 15 + 32 reads gzip or zlib framing, -15 raw deflate.
        case inflate(windowBits: Int32)
    }

    /// What one `step` did: zlib's return code, the input bytes it took and the output bytes it gave.
    package struct Step {
        package var code: Int32
        package var consumed: Int
        package var produced: Int
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let deflating: Bool

    /// - Throws: zlib's init code when the stream cannot be set up (out of memory, a bad level).
    package init(_ mode: Mode) throws(ZlibInitFailure) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc: Int32
        switch mode {
        case .deflate(let level, let windowBits):
            deflating = true
            rc = cwarraq_deflateInit2(stream, level, windowBits)
        case .inflate(let windowBits):
            deflating = false
            rc = cwarraq_inflateInit2(stream, windowBits)
        }
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZlibInitFailure(code: rc, deflating: deflating)
        }
    }

    deinit {
        if deflating { deflateEnd(stream) } else { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Runs deflate or inflate once over `input` into `output` with `flush` (`Z_NO_FLUSH`, `Z_FINISH`).
    package func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, flush: Int32) -> Step
    {
        let inCount = min(input.count, Int(UInt32.max))
        let outCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(inCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(outCount)
        let rc = deflating ? deflate(stream, flush) : inflate(stream, flush)
        let step = Step(
            code: rc, consumed: inCount - Int(stream.pointee.avail_in),
            produced: outCount - Int(stream.pointee.avail_out))
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        return step
    }

    /// The most bytes deflating `count` bytes at once can give.
    package func deflateBound(_ count: Int) -> Int { Int(CWarraqZlib.deflateBound(stream, uLong(count))) }

    /// Starts the next member of a multi-member stream.
    package func reset() -> Bool { (deflating ? deflateReset(stream) : inflateReset(stream)) == Z_OK }

    /// zlib's message for the last error, if it gave one.
    package var message: String? { stream.pointee.msg.map { String(cString: $0) } }
}

/// zlib could not set up a stream.
package struct ZlibInitFailure: Error, CustomStringConvertible {
    package var code: Int32
    package var deflating: Bool
    package var description: String { "zlib \(deflating ? "deflateInit2" : "inflateInit2") failed with code \(code)" }
}
