#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Parquet

/// The file-system steps of publishing, each with an error that says what failed and what to do.
public enum FileOps {
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

    /// The whole of a small file (a pipeline file, a manifest), or nil when it cannot be read or is larger than
    /// `limit`.
    /// (Foundation's `FileManager.contents(atPath:)` leaks a buffer on empty files.)
    static func contents(of path: String, limit: Int) -> [UInt8]? {
        guard let source = try? FileByteSource(path: path) else { return nil }
        return try? BufferedReader(source, bufferSize: 1 << 16).readAll(limit: limit)
    }

    /// A small file's text without surrounding white space, or nil when it cannot be read.
    public static func text(of path: String) -> String? {
        contents(of: path, limit: 1 << 20).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Renames `from` to `to` (same file system: atomic), creating `to`'s folder.
    public static func move(_ from: String, to: String) throws {
        let folder = (to as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do { try Syscalls.rename(from, to) } catch {
            throw DatasetError.fileSystem(action: "move", path: "\(from) to \(to)", reason: error.message, advice: nil)
        }
    }

    /// Makes `to` a hard link of `from` (same file system), creating `to`'s folder; copies where links are refused.
    static func link(_ from: String, to: String) throws {
        let folder = (to as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if Glibc.link(from, to) == 0 { return }
        do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
            throw DatasetError.fileSystem(
                action: "link or copy", path: "\(from) to \(to)", reason: error.localizedDescription, advice: nil)
        }
    }

    /// Writes `bytes` to `path` and syncs it to disk.
    static func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd: Int32
        do { fd = try Syscalls.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC) } catch {
            throw DatasetError.fileSystem(action: "create", path: path, reason: error.message, advice: nil)
        }
        defer { _ = try? Syscalls.close(fd) }
        do throws(Syscalls.Failure) {
            try Syscalls.writeAll(fd, bytes)
        } catch {
            throw DatasetError.fileSystem(
                action: "write", path: path, reason: error.message, advice: " (is the disk full?)")
        }
        do { try Syscalls.fsync(fd) } catch {
            throw DatasetError.fileSystem(action: "sync", path: path, reason: error.message, advice: nil)
        }
    }

    /// Syncs a folder, so that renames inside it survive a crash.
    static func syncFolder(_ path: String) {
        guard let fd = try? Syscalls.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) else { return }
        _ = try? Syscalls.fsync(fd)
        _ = try? Syscalls.close(fd)
    }
}
