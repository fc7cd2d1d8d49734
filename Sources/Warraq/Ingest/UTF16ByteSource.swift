/// Transcodes a UTF-16 stream (after its BOM) to UTF-8, so that every text format reads UTF-16 files.
final class UTF16ByteSource: ByteSource {
    private let source: any ByteSource
    private var transcoder: UTF16Transcoder
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var output: [UInt8] = []
    private var outputStart = 0
    private var done = false
    private let name: String

    init(_ source: any ByteSource, littleEndian: Bool, name: String) {
        self.source = source
        transcoder = UTF16Transcoder(littleEndian: littleEndian)
        self.name = name
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while outputStart == output.count {
            if done { return 0 }
            try refill()
        }
        let n = min(count, output.count - outputStart)
        // Safety: `n <= count` (the caller's room) and `outputStart + n <= output.count`.
        output.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + outputStart, byteCount: n) }
        outputStart += n
        return n
    }

    private func refill() throws {
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        // Safety: the read goes into `input`, whose count it is given.
        let n = try input.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
        do {
            if n == 0 {
                done = true
                try transcoder.finish()
            } else {
                try transcoder.transcode(input[0..<n], into: &output)
            }
        } catch .truncated {
            throw IngestError.truncatedUTF16(name: name)
        } catch .unpairedSurrogate {
            throw IngestError.unpairedSurrogate(name: name)
        }
    }
}
