import CWarraqZlib

/// Inflate for reading pages, through `ZlibStream`: it accepts gzip or zlib framing and several concatenated gzip
/// members, as other writers produce them. (Pages are written by `Deflate`.)
///
/// Safety: each `step` gets the caller's input buffer (or its unread tail, `input[consumed...]`) and the output
/// array's unwritten tail (`out[produced...]`, or one spare byte past it), each with its own count; zlib reads and
/// writes only inside them, during the call.
enum Zlib {
    /// Inflates gzip- or zlib-framed data, member after member, into exactly `expectedSize` bytes.
    /// - Throws: `ParquetError.corruptData` when the data is not valid or does not inflate to that size.
    static func inflate(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        let stream: ZlibStream
        // windowBits 15 + 32: detect gzip or zlib framing automatically.
        do { stream = try ZlibStream(.inflate(windowBits: 15 + 32)) } catch { throw .io(error.description) }
        var output = [UInt8](repeating: 0, count: expectedSize)
        var failure: String?
        output.withUnsafeMutableBytes { out in
            var consumed = 0
            var produced = 0
            while consumed < input.count {
                let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
                let step: ZlibStream.Step
                if produced < out.count {
                    step = stream.step(
                        rest, into: UnsafeMutableRawBufferPointer(rebasing: out[produced...]), flush: Z_FINISH)
                    produced += step.produced
                } else {
                    // One spare byte past the expected size tells us when a page inflates to more than it claims.
                    var spare: UInt8 = 0
                    step = withUnsafeMutableBytes(of: &spare) { stream.step(rest, into: $0, flush: Z_FINISH) }
                    if step.produced > 0 { failure = "page inflates to more than its \(expectedSize) bytes"; return }
                }
                consumed += step.consumed
                if step.code == Z_STREAM_END {
                    // Another gzip member may follow; trailing zero padding is tolerated.
                    if consumed < input.count {
                        if input[consumed...].allSatisfy({ $0 == 0 }) { break }
                        guard stream.reset() else { failure = "zlib inflateReset failed"; return }
                    }
                    continue
                }
                if step.code == Z_BUF_ERROR && produced == out.count {
                    failure = "page inflates to more than its \(expectedSize) bytes"; return
                }
                failure =
                    step.code == Z_BUF_ERROR
                    ? "compressed data ends early (truncated gzip stream)"
                    : "gzip data is invalid (zlib code \(step.code)\(stream.message.map { ": " + $0 } ?? ""))"
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
