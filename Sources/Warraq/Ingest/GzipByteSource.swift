import CWarraqZlib
import Parquet

/// Inflates a gzip (or zlib, or raw deflate) stream from another source, member after member.
/// A stream that ends early is an error (`truncated_gzip`), after every byte before it was given out.
///
/// Safety: zlib reads `inputStart..<inputEnd` of `input` (within its count) and writes at most the caller's
/// `count` bytes at `buffer` (`ByteSource`'s contract), the two buffers `ZlibStream.step` is given.
public final class InflatingByteSource: ByteSource {
    public enum Framing { case gzipOrZlib, rawDeflate }

    private let source: any ByteSource
    private let stream: ZlibStream
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0, inputEnd = 0
    private var sourceDone = false
    private var finished = false
    private let framing: Framing
    private let name: String
    /// Bytes produced so far, checked against `maxOutput` (a bound against decompression bombs).
    private var produced: Int64 = 0
    private var consumed: Int64 = 0
    private let maxOutput: Int64
    /// Past 16 MiB of output, a stream that inflates more than this many times is taken for a bomb
    /// (text compresses 3 to 10 times; a bomb's zeros ~1000 times).
    static let maxRatio: Int64 = 200

    public init(_ source: any ByteSource, framing: Framing = .gzipOrZlib, name: String, maxOutput: Int64 = 64 << 30)
        throws
    {
        self.source = source
        self.framing = framing
        self.name = name
        self.maxOutput = maxOutput
        do { stream = try ZlibStream(.inflate(windowBits: framing == .rawDeflate ? -15 : 15 + 32)) } catch {
            throw IngestError.inflateInit(name: name, code: error.code)
        }
    }

    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard !finished, count > 0 else { return 0 }
        while true {
            if inputStart == inputEnd && !sourceDone {
                let n = try input.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
                inputStart = 0
                inputEnd = n
                if n == 0 { sourceDone = true }
            }
            if inputStart == inputEnd && sourceDone {
                throw IngestError.truncatedGzip(name: name)
            }
            let step = input.withUnsafeBytes { raw in
                stream.step(
                    UnsafeRawBufferPointer(rebasing: raw[inputStart..<inputEnd]),
                    into: UnsafeMutableRawBufferPointer(start: buffer, count: count), flush: Z_NO_FLUSH)
            }
            let (rc, used, out) = (step.code, step.consumed, step.produced)
            inputStart += used
            consumed += Int64(used)
            produced += Int64(out)
            if produced > maxOutput {
                throw IngestError.inflatesPast(name: name, bytes: maxOutput)
            }
            if produced > 16 << 20 && produced > consumed * Self.maxRatio {
                throw IngestError.inflatesTooManyTimes(name: name, ratio: Self.maxRatio)
            }
            switch rc {
            case Z_STREAM_END:
                if framing == .rawDeflate { finished = true; return out }
                // Another member may follow; trailing zero padding ends the stream.
                if try nextMemberFollows() {
                    _ = stream.reset()
                } else {
                    finished = true
                }
                if out > 0 || finished { return out }
            case Z_OK, Z_BUF_ERROR:
                if out > 0 { return out }
            default:
                let message = stream.message ?? "code \(rc)"
                throw IngestError.corruptGzip(name: name, problem: message)
            }
        }
    }

    /// After a member's end: true when more non-padding input follows.
    private func nextMemberFollows() throws -> Bool {
        while true {
            while inputStart < inputEnd {
                if input[inputStart] != 0 { return true }
                inputStart += 1
            }
            if sourceDone { return false }
            let n = try input.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
            inputStart = 0
            inputEnd = n
            if n == 0 { sourceDone = true }
        }
    }
}
