#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Parquet

/// An exclusive lock on a dataset folder for the length of a run (`DIR/.warraq.lock`, `flock(2)`).
/// The kernel releases it when the process ends in any way, SIGKILL included, so a lock left by a
/// killed run is simply taken over by the next one; the file keeps who holds it, for the message.
public final class DatasetLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock, or throws `DatasetLock.Busy` (naming the holder) unless `wait` is true.
    public init(dataset: String, wait: Bool) throws {
        try FileManager.default.createDirectory(atPath: dataset, withIntermediateDirectories: true)
        path = dataset + "/.warraq.lock"
        do { fd = try Syscalls.open(path, O_RDWR | O_CREAT | O_CLOEXEC) } catch {
            throw DatasetError.fileSystem(
                action: "open the lock", path: path, reason: error.message,
                advice: "; check that \(dataset) is writable")
        }
        if (try? Syscalls.flock(fd, LOCK_EX | LOCK_NB)) != true {
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? ""
            guard wait else {
                _ = try? Syscalls.close(fd)
                throw Busy(dataset: dataset, holder: holder.isEmpty ? "another process" : holder)
            }
            do { _ = try Syscalls.flock(fd, LOCK_EX) } catch {
                _ = try? Syscalls.close(fd)
                throw DatasetError.fileSystem(action: "lock", path: path, reason: error.message, advice: nil)
            }
        }
        let info = "pid \(getpid()), warraq run started \(Manifest.iso(Date()))\n"
        // Who holds the lock, for the message of a run that finds it taken; best effort.
        _ = try? Syscalls.truncate(fd, to: 0)
        _ = try? Syscalls.pwriteAll(fd, Array(info.utf8), at: 0)
    }

    deinit {
        _ = try? Syscalls.truncate(fd, to: 0)
        _ = try? Syscalls.close(fd)  // releases the lock
    }

    /// Another run holds the lock (exit code 75).
    public struct Busy: Error, CustomStringConvertible, Sendable {
        public var dataset: String
        public var holder: String
        public var description: String {
            "\(dataset) is being written by another run (\(holder)); try again later, or use --wait to wait for it"
        }
    }
}
