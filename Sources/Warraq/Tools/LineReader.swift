#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line through a fixed buffer, so memory is bounded by the longest line.
public final class LineReader {
    private let fd: Int32
    public let path: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public init(path: String, bufferSize: Int = 1 << 22) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ToolError("cannot open \(path): \(String(cString: strerror(errno)))") }
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit { close(fd) }

    /// Calls `body` with the next line (without its "\n" or "\r\n"); returns false at the end of the file.
    public func nextLine<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        while true {
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                var lineEnd = nl
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let s = start
                start = nl + 1
                lineNumber += 1
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[s..<lineEnd])) }
            }
            if eof {
                guard start < end else { return nil }
                let s = start, e = end
                start = end
                lineNumber += 1
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[s..<e])) }
            }
            try fill()
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, raw.count - end) }
        if n < 0 {
            if errno == EINTR { return }
            throw ToolError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        if n == 0 { eof = true }
        end += n
    }
}
