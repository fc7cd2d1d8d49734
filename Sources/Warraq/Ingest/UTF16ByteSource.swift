/// Transcodes a UTF-16 stream (after its BOM) to UTF-8, so that every text format reads UTF-16 files.
final class UTF16ByteSource: ByteSource {
    private let source: any ByteSource
    private let littleEndian: Bool
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0, inputEnd = 0
    private var pendingHigh: UInt16?
    private var output: [UInt8] = []
    private var outputStart = 0
    private var done = false
    private let name: String

    init(_ source: any ByteSource, littleEndian: Bool, name: String) {
        self.source = source
        self.littleEndian = littleEndian
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
        if inputEnd - inputStart < 2 {
            let leftover = Array(input[inputStart..<inputEnd])
            input.replaceSubrange(0..<leftover.count, with: leftover)
            // Safety: the read goes into `input[leftover.count...]`, whose count it is given.
            let n = try input.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + leftover.count, count: $0.count - leftover.count) }
            inputStart = 0
            inputEnd = leftover.count + n
            if n == 0 {
                done = true
                if inputEnd != 0 || pendingHigh != nil { throw IngestError("undecodable_text", "\(name): the UTF-16 text ends in the middle of a character") }
                return
            }
        }
        while inputEnd - inputStart >= 2 {
            let a = UInt16(input[inputStart]), b = UInt16(input[inputStart + 1])
            let unit = littleEndian ? a | b << 8 : a << 8 | b
            inputStart += 2
            var scalar: UInt32
            if let high = pendingHigh {
                guard unit >= 0xDC00 && unit < 0xE000 else { throw IngestError("undecodable_text", "\(name): an unpaired UTF-16 surrogate") }
                scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                pendingHigh = nil
            } else if unit >= 0xD800 && unit < 0xDC00 {
                pendingHigh = unit
                continue
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw IngestError("undecodable_text", "\(name): an unpaired UTF-16 surrogate")
            } else {
                scalar = UInt32(unit)
            }
            output.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
        }
    }
}
