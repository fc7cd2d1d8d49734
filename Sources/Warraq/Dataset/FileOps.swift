#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The file-system steps of publishing, each with an error that says what failed and what to do.
enum FileOps {
    /// SHA-256 and size of a file, read in 1 MiB chunks.
    static func sha256(path: String) throws -> (hex: String, bytes: Int64) {
        let source = try FileByteSource(path: path)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            total += Int64(n)
        }
        return (hasher.finalizeHex(), total)
    }

    /// The whole of a small file (a pipeline file, a manifest), or nil when it cannot be read or is larger than `limit`.
    /// (Foundation's `FileManager.contents(atPath:)` leaks a buffer on empty files.)
    static func contents(of path: String, limit: Int) -> [UInt8]? {
        guard let source = try? FileByteSource(path: path) else { return nil }
        return try? BufferedReader(source, bufferSize: 1 << 16).readAll(limit: limit)
    }

    /// Renames `from` to `to` (same file system: atomic), creating `to`'s folder.
    static func move(_ from: String, to: String) throws {
        let folder = (to as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard rename(from, to) == 0 else {
            throw PublishError("cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `bytes` to `path` and syncs it to disk.
    static func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PublishError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            // Safety: `write` reads `bytes[done...]`, `bytes.count - done` bytes, within the array.
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PublishError("cannot write \(path): \(String(cString: strerror(errno))) (is the disk full?)")
            }
            done += n
        }
        guard fsync(fd) == 0 else { throw PublishError("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    /// Syncs a folder, so that renames inside it survive a crash.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }
}

/// A failure to publish a dataset: nothing new was published, the previous dataset is intact.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Appends records' rejections and drops to a JSON-lines file, streaming.
final class RejectsFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var lines = 0

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw PublishError("cannot create \(path): check that the output folder is writable")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func add(kind: String, inputPath: String, inputRecord: Int?, reason: String, detail: String, excerpt: String?, id: String? = nil) throws {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(kind)), ("input_path", .string(inputPath)),
            ("input_record", inputRecord.map { .number(String($0)) } ?? .null),
            ("reason", .string(reason)), ("detail", .string(detail)),
        ]
        if let id { members.append(("id", .string(id))) }
        if let excerpt { members.append(("excerpt", .string(excerpt))) }
        JSONWriter.serialize(.object(JSONObject(members: members)), to: &buffer)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
    }
}
