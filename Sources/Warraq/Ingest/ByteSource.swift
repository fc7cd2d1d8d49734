#if canImport(Glibc)
    import Glibc
#endif
import Parquet

/// A stream of bytes that ingest reads records from: a file, a gzip stream, a zip entry.
public protocol ByteSource: AnyObject {
    /// Reads up to `count` bytes into `buffer`; returns 0 at the end.
    ///
    /// Safety: the caller passes `count` writable bytes at `buffer` (every caller hands over the whole or the
    /// free tail of an Array's storage); an implementation writes at most `count` of them.
    /// - Throws: `IngestError` when the bytes cannot be read (a truncated or corrupt stream).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
}

/// A file read from its start (or from a byte range).
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private var position: Int64
    private let end: Int64?
    let path: String
    /// Hashes the bytes as they are read, while the reads are sequential from the file's start.
    private var hasher: SHA256?

    /// - Parameter hashing: hash the bytes read (`finishHash`): off for a piece of a file that another task reads
    ///   to its end.
    public init(path: String, range: Range<Int64>? = nil, hashing: Bool = true) throws {
        self.path = path
        do { fd = try Syscalls.open(path, O_RDONLY | O_CLOEXEC) } catch {
            throw IngestError.cannotOpen(path: path, reason: error.message)
        }
        position = range?.lowerBound ?? 0
        end = range?.upperBound
        if range == nil && hashing { hasher = SHA256() }
    }

    /// The SHA-256 of the whole file: the bytes read so far, then the rest. Nil for a byte range.
    func finishHash() throws -> String? {
        guard hasher != nil else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while try buffer.withUnsafeMutableBytes({ try read(into: $0.baseAddress!, count: $0.count) }) > 0 {}
        return hasher!.finalizeHex()
    }

    deinit { _ = try? Syscalls.close(fd) }

    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var want = count
        if let end { want = Int(min(Int64(count), end - position)) }
        guard want > 0 else { return 0 }
        let n: Int
        // Safety: `want <= count`, the caller's writable bytes at `buffer` (`ByteSource`'s contract); `pread` fills
        // at most `want` of them and the hasher reads the `n <= want` it filled.
        do {
            n = try Syscalls.pread(fd, into: UnsafeMutableRawBufferPointer(start: buffer, count: want), at: position)
        } catch {
            throw IngestError.cannotRead(path: path, reason: error.message)
        }
        if hasher != nil { hasher!.update(UnsafeRawBufferPointer(start: buffer, count: n)) }
        position += Int64(n)
        return n
    }
}

/// Reads a whole source through a buffer, line by line or in chunks, with memory bounded by the
/// longest line (capped: a longer line is an error, not an allocation).
///
/// Safety: `0 <= start <= end <= buffer.count` holds between calls (`fill` keeps it: it moves `start..<end` to 0
/// and reads into `end..<buffer.count`); every pointer below is into `buffer` within those bounds.
public final class BufferedReader {
    private let source: any ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    public private(set) var atEnd = false
    /// Bytes consumed so far (for progress).
    public private(set) var consumed: Int64 = 0
    public let maxLineLength: Int

    public init(_ source: any ByteSource, bufferSize: Int = 1 << 20, maxLineLength: Int = 256 << 20) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: bufferSize)
        self.maxLineLength = maxLineLength
    }

    /// Calls `body` with the next line (no "\n" or "\r\n"); nil at the end.
    /// - Throws: the source's error, or `IngestError.lineTooLong` for a line longer than `maxLineLength`
    ///   (skipped, so that reading goes on with the next line).
    public func nextLine<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        var searchFrom = start
        while true {
            if let nl = memchrIndex(0x0A, from: searchFrom) {
                var lineEnd = nl
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let s = start
                start = nl + 1
                consumed += Int64(nl + 1 - s)
                guard lineEnd - s <= maxLineLength else {
                    throw IngestError.lineTooLong(bytes: lineEnd - s, limit: maxLineLength)
                }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[s..<lineEnd])) }
            }
            searchFrom = end
            if atEnd {
                guard start < end else { return nil }
                let s = start, e = end
                start = end
                consumed += Int64(e - s)
                guard e - s <= maxLineLength else {
                    throw IngestError.lineTooLong(bytes: e - s, limit: maxLineLength)
                }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[s..<e])) }
            }
            if end - start > maxLineLength {
                // Skip to the end of this line so that reading can go on after the error.
                try skipRestOfLine()
                throw IngestError.lineTooLong(bytes: nil, limit: maxLineLength)
            }
            let shift = start
            try fill()
            searchFrom -= shift
        }
    }

    /// Reads everything that is left (bounded by `limit`).
    public func readAll(limit: Int) throws -> [UInt8] {
        while !atEnd {
            if end - start > limit { throw IngestError.fileTooLarge(limit: limit) }
            try fill()
        }
        let out = Array(buffer[start..<end])
        consumed += Int64(end - start)
        start = end
        return out
    }

    /// Peeks at up to `count` bytes without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while end - start < count && !atEnd { try fill() }
        return Array(buffer[start..<min(end, start + count)])
    }

    /// Gives the buffered bytes to `body`, which returns how many it consumed; refills when asked.
    /// Used by the streaming JSON array and CSV readers.
    public func withBuffered<R>(_ body: (UnsafeRawBufferPointer) throws -> (consumed: Int, result: R?)) throws -> R? {
        while true {
            let (used, result) = try buffer.withUnsafeBytes {
                try body(UnsafeRawBufferPointer(rebasing: $0[start..<end]))
            }
            start += used
            consumed += Int64(used)
            if let result { return result }
            if atEnd { return nil }
            if end - start > maxLineLength {
                throw IngestError.bufferedPast(limit: maxLineLength)
            }
            try fill()
        }
    }

    public var isExhausted: Bool { atEnd && start == end }

    private func skipRestOfLine() throws {
        while true {
            if let nl = memchrIndex(0x0A, from: start) { consumed += Int64(nl + 1 - start); start = nl + 1; return }
            consumed += Int64(end - start)
            start = end
            if atEnd { return }
            try fill()
        }
    }

    private func memchrIndex(_ byte: UInt8, from: Int) -> Int? {
        guard from < end else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let p = memchr(raw.baseAddress! + from, Int32(byte), end - from) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(p))
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let n = try buffer.withUnsafeMutableBytes { raw in
            try source.read(into: raw.baseAddress! + end, count: raw.count - end)
        }
        if n == 0 { atEnd = true }
        end += n
    }
}
