import Glibc
import Parquet

/// One file of the near-duplicate index (`_near/<version>.idx`): the rows one run indexed, in dataset order, each with
/// its id, its input, its LSH band keys and its shingles' fingerprints. Little-endian:
///
/// ```
/// shingles   for each row: its fingerprints, UInt32 each
/// rows       for each row: id (UInt32 length, UTF-8), input (UInt32, into paths), shingles' offset (UInt64) and
///            count (UInt32), band keys (bands × UInt64)
/// paths      UInt32 count, then each input path (UInt32 length, UTF-8)
/// footer     rows' offset (UInt64), paths' offset (UInt64), rows (UInt32), shingle, bands, rows per band (UInt16
///            each), "WQNEAR01"
/// ```
/// A reader keeps the rows in memory and reads a row's shingles from the file when a candidate pair is checked.
enum NearIndexSegment {
    static let magic = Array("WQNEAR01".utf8)
    static let footerBytes = 8 + 8 + 4 + 2 + 2 + 2 + magic.count

    /// A row of a segment, as read.
    struct Row {
        var id: String
        var inputPath: String
        var shinglesOffset: Int64
        var shingleCount: Int
        var bandKeys: [UInt64]
    }

    /// Writes a segment, streaming: the shingles as rows come, the rows and paths at the end.
    final class Writer {
        let path: String
        let parameters: MinHashParameters
        private var fd: Int32
        /// The rows' table, written to a file beside the segment as rows come (appended to it by `finish`), so that
        /// a run's memory does not hold it.
        private let tableFile: Int32
        private var table: [UInt8] = []
        private var tableBytes: Int64 = 0
        private var pathIndex: [String: UInt32] = [:]
        private var paths: [String] = []
        /// Shingle bytes not yet written, which begin at file offset `flushed`.
        private var pending: [UInt8] = []
        private var flushed: Int64 = 0
        private(set) var rows = 0

        /// Creates (or empties) the file at `path`.
        init(path: String, parameters: MinHashParameters) throws {
            self.path = path
            self.parameters = parameters
            func create(_ file: String) throws -> Int32 {
                do { return try Syscalls.open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC) } catch {
                    throw NearIndexError.fileSystem(
                        action: "create", path: file, reason: error.description + error.spaceHint)
                }
            }
            fd = try create(path)
            do { tableFile = try create(path + ".rows") } catch {
                try? Syscalls.close(fd)
                throw error
            }
            try? Syscalls.unlink(path + ".rows")  // open until `finish`, and gone from the folder
        }

        deinit {
            if fd >= 0 { try? Syscalls.close(fd) }
            try? Syscalls.close(tableFile)
        }

        /// Where the shingles of the next row will be.
        var nextOffset: Int64 { flushed + Int64(pending.count) }

        /// Appends a row; returns where its shingles are.
        @discardableResult
        func append(id: String, inputPath: String, signature: MinHashSignature) throws -> Int64 {
            let offset = nextOffset
            pending.appendLittleEndian(contentsOf: signature.shingles[...])
            let input: UInt32
            if let i = pathIndex[inputPath] {
                input = i
            } else {
                input = UInt32(paths.count)
                pathIndex[inputPath] = input
                paths.append(inputPath)
            }
            Self.appendString(id, to: &table)
            table.appendLittleEndian(input)
            table.appendLittleEndian(UInt64(offset))
            table.appendLittleEndian(UInt32(signature.shingles.count))
            table.appendLittleEndian(contentsOf: signature.bandKeys[...])
            rows += 1
            if pending.count >= 1 << 20 { try flush() }
            if table.count >= 1 << 20 { try flushTable() }
            return offset
        }

        /// `count` fingerprints at `offset`, of a row this writer appended.
        func shingles(at offset: Int64, count: Int) throws -> [UInt32] {
            if offset >= flushed {
                let start = Int(offset - flushed)
                guard start + count * 4 <= pending.count else { throw corrupt("a row's shingles beyond the end") }
                return NearIndexSegment.decodeUInt32s(pending[start..<(start + count * 4)])
            }
            let bytes = try read(count * 4, at: offset)
            return NearIndexSegment.decodeUInt32s(bytes[...])
        }

        /// Writes the rows, paths and footer, and closes the file.
        func finish() throws {
            try flush()
            try flushTable()
            let rowsOffset = flushed
            // The rows' table, from its file, a MiB at a time.
            var at: Int64 = 0
            while at < tableBytes {
                let chunk = try wrap("read") {
                    try Syscalls.pread(tableFile, count: Int(min(1 << 20, tableBytes - at)), at: at)
                }
                guard !chunk.isEmpty else { throw corrupt("its rows' table ends early") }
                try wrap("write") { try Syscalls.writeAll(fd, chunk) }
                at += Int64(chunk.count)
            }
            flushed += tableBytes
            var tail: [UInt8] = []
            let pathsOffset = flushed
            tail.appendLittleEndian(UInt32(paths.count))
            for p in paths { Self.appendString(p, to: &tail) }
            tail.appendLittleEndian(UInt64(rowsOffset))
            tail.appendLittleEndian(UInt64(pathsOffset))
            tail.appendLittleEndian(UInt32(rows))
            tail.appendLittleEndian(UInt16(parameters.shingle))
            tail.appendLittleEndian(UInt16(parameters.bands))
            tail.appendLittleEndian(UInt16(parameters.rows))
            tail.append(contentsOf: NearIndexSegment.magic)
            pending = tail
            try flush()
            try wrap("sync") { try Syscalls.fsync(fd) }
            let closing = fd
            fd = -1  // closed once, whatever close reports
            try wrap("close") { try Syscalls.close(closing) }
        }

        private func flushTable() throws {
            guard !table.isEmpty else { return }
            try wrap("write") { try Syscalls.writeAll(tableFile, table) }
            tableBytes += Int64(table.count)
            table.removeAll(keepingCapacity: true)
        }

        private func flush() throws {
            guard !pending.isEmpty else { return }
            try wrap("write") { try Syscalls.writeAll(fd, pending) }
            flushed += Int64(pending.count)
            pending.removeAll(keepingCapacity: true)
        }

        private func read(_ count: Int, at offset: Int64) throws -> [UInt8] {
            let bytes = try wrap("read") { try Syscalls.pread(fd, count: count, at: offset) }
            guard bytes.count == count else { throw corrupt("a row's shingles beyond the end") }
            return bytes
        }

        private func wrap<T>(_ action: String, _ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as Syscalls.Failure {
                throw NearIndexError.fileSystem(action: action, path: path, reason: error.description + error.spaceHint)
            }
        }

        private func corrupt(_ what: String) -> NearIndexError { .corrupt(path: path, problem: what) }

        private static func appendString(_ s: String, to out: inout [UInt8]) {
            out.appendLittleEndian(UInt32(s.utf8.count))
            out.append(contentsOf: s.utf8)
        }
    }

    /// An open segment: its rows, and its file for their shingles.
    final class Reader {
        let path: String
        let parameters: MinHashParameters
        let rows: [Row]
        private let fd: Int32

        /// Opens and reads the rows of the segment at `path`.
        /// - Throws: `NearIndexError` naming the file and what is wrong with it.
        init(path: String) throws {
            let fd: Int32
            do { fd = try Syscalls.open(path, O_RDONLY | O_CLOEXEC) } catch {
                throw NearIndexError.corrupt(path: path, problem: "cannot be opened: \(error.description)")
            }
            // Every throw comes before the stored properties are all set, so `deinit` never closes `fd` a second time.
            let parsed: (MinHashParameters, [Row])
            do { parsed = try Self.parse(fd) } catch {
                try? Syscalls.close(fd)
                let text = (error as? Cursor.Problem)?.text ?? "cannot be read: \(error)"
                throw NearIndexError.corrupt(path: path, problem: text)
            }
            self.path = path
            self.fd = fd
            (parameters, rows) = parsed
        }

        /// The parameters and rows of the segment open at `fd`, every offset and count checked against the file.
        private static func parse(_ fd: Int32) throws -> (MinHashParameters, [Row]) {
            let size: Int64
            do { size = try Syscalls.regularFileSize(fd) ?? -1 } catch {
                throw Cursor.Problem("cannot be read: \(error.description)")
            }
            let footerSize = Int64(NearIndexSegment.footerBytes)
            guard size >= footerSize else { throw Cursor.Problem("shorter than its footer") }
            var footer = Cursor(try read(fd, NearIndexSegment.footerBytes, at: size - footerSize))
            let rowsOffset = try footer.uint64(), pathsOffset = try footer.uint64()
            let rowCount = Int(try footer.uint32())
            let parameters = MinHashParameters(
                shingle: Int(try footer.uint16()), bands: Int(try footer.uint16()), rows: Int(try footer.uint16()))
            guard Array(try footer.bytes(NearIndexSegment.magic.count)) == NearIndexSegment.magic else {
                throw Cursor.Problem("no WQNEAR01 at its end: not a near-duplicate index segment")
            }
            guard rowsOffset <= pathsOffset, pathsOffset <= UInt64(size - footerSize) else {
                throw Cursor.Problem("its footer points outside the file")
            }
            let tableBytes = try read(fd, Int(UInt64(size - footerSize) - rowsOffset), at: Int64(rowsOffset))
            var paths = Cursor(tableBytes[Int(pathsOffset - rowsOffset)...])
            let pathCount = Int(try paths.uint32())
            var inputs: [String] = []
            for _ in 0..<pathCount { inputs.append(try paths.string()) }
            let tableSize = Int(pathsOffset - rowsOffset)
            var table = Cursor(tableBytes[..<tableSize])
            // Each row takes at least its fixed fields: a count past what the table can hold is a broken file.
            guard rowCount <= tableSize / (20 + 8 * parameters.bands) else {
                throw Cursor.Problem("its footer counts \(rowCount) rows, more than its table holds")
            }
            var rows: [Row] = []
            rows.reserveCapacity(rowCount)
            for _ in 0..<rowCount {
                let id = try table.string()
                let input = Int(try table.uint32())
                let offset = try table.uint64()
                let count = Int(try table.uint32())
                var keys: [UInt64] = []
                keys.reserveCapacity(parameters.bands)
                for _ in 0..<parameters.bands { keys.append(try table.uint64()) }
                guard input < inputs.count else { throw Cursor.Problem("a row names input \(input) of \(pathCount)") }
                let (end, overflow) = offset.addingReportingOverflow(UInt64(count) * 4)
                guard !overflow, end <= rowsOffset else { throw Cursor.Problem("a row's shingles lie outside") }
                rows.append(
                    Row(
                        id: id, inputPath: inputs[input], shinglesOffset: Int64(offset), shingleCount: count,
                        bandKeys: keys))
            }
            guard table.atEnd else { throw Cursor.Problem("bytes after its last row") }
            return (parameters, rows)
        }

        deinit { try? Syscalls.close(fd) }

        /// The fingerprints of `row`.
        func shingles(of row: Row) throws -> [UInt32] {
            try shingles(at: row.shinglesOffset, count: row.shingleCount)
        }

        /// `count` fingerprints at `offset` (a row's, as read).
        func shingles(at offset: Int64, count: Int) throws -> [UInt32] {
            do {
                return NearIndexSegment.decodeUInt32s(try Self.read(fd, count * 4, at: offset)[...])
            } catch let problem as Cursor.Problem {
                throw NearIndexError.corrupt(path: path, problem: problem.text)
            }
        }

        private static func read(_ fd: Int32, _ count: Int, at offset: Int64) throws -> [UInt8] {
            let bytes: [UInt8]
            do { bytes = try Syscalls.pread(fd, count: count, at: offset) } catch {
                throw Cursor.Problem("cannot be read: \(error.description)")
            }
            guard bytes.count == count else { throw Cursor.Problem("ends early") }
            return bytes
        }
    }

    /// Little-endian UInt32s (a trailing partial value is ignored).
    static func decodeUInt32s(_ bytes: ArraySlice<UInt8>) -> [UInt32] {
        let count = bytes.count / 4
        #if _endian(little)
            return [UInt32](unsafeUninitializedCapacity: count) { out, filled in
                // Safety: `out` has room for `count` values, `count × 4` bytes, and that many bytes are copied.
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(out).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[..<(count * 4)]))
                }
                filled = count
            }
        #else
            var i = bytes.startIndex
            return (0..<count).map { _ in
                defer { i += 4 }
                return UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24
            }
        #endif
    }

    /// Reads little-endian values from bytes, checking every length against what is left.
    struct Cursor {
        struct Problem: Error { let text: String; init(_ text: String) { self.text = text } }

        private let bytes: ArraySlice<UInt8>
        private var at: Int

        init(_ bytes: [UInt8]) { self.init(bytes[...]) }
        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; at = bytes.startIndex }

        var atEnd: Bool { at == bytes.endIndex }

        mutating func bytes(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.endIndex - at else { throw Problem("ends inside a value") }
            defer { at += n }
            return bytes[at..<(at + n)]
        }

        mutating func uint16() throws -> UInt16 { UInt16(truncatingIfNeeded: try integer(2)) }
        mutating func uint32() throws -> UInt32 { UInt32(truncatingIfNeeded: try integer(4)) }
        mutating func uint64() throws -> UInt64 { try integer(8) }

        mutating func string() throws -> String {
            let n = Int(try uint32())
            guard let s = String(validating: try bytes(n), as: UTF8.self) else { throw Problem("text not UTF-8") }
            return s
        }

        private mutating func integer(_ width: Int) throws -> UInt64 {
            var v: UInt64 = 0
            for (k, b) in try bytes(width).enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
            return v
        }
    }
}
