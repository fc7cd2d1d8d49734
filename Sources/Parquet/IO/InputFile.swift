#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for reading at arbitrary offsets.
///
/// `@unchecked Sendable`: its state is immutable after `init` (a descriptor, a path, a size), and `pread` takes
/// its own offset, so threads that read one file at once share nothing mutable. `read` writes only into the
/// `count` bytes of its own array, at `done..<count`.
final class InputFile: @unchecked Sendable {
    private let fd: Int32
    let path: String
    let size: Int64

    init(path: String) throws(ParquetError) {
        self.path = path
        do { fd = try Syscalls.open(path, O_RDONLY | O_CLOEXEC) } catch {
            throw .io("cannot open \(path): \(error.message)")
        }
        let size: Int64?
        do throws(Syscalls.Failure) { size = try Syscalls.regularFileSize(fd) } catch {
            _ = try? Syscalls.close(fd)
            throw .io("cannot stat \(path): \(error.message)")
        }
        guard let size else {
            _ = try? Syscalls.close(fd)
            throw .io("\(path) is not a regular file")
        }
        self.size = size
    }

    deinit { _ = try? Syscalls.close(fd) }

    /// Reads exactly `count` bytes at `offset`.
    func read(at offset: Int64, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, Int64(count) <= size - offset else {
            throw .corruptMetadata("range \(offset)+\(count) lies outside the file's \(size) bytes")
        }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: String?
        out.withUnsafeMutableBytes { raw in
            while done < count {
                // Safety: reads into `out[done..<count]`.
                do throws(Syscalls.Failure) {
                    let n = try Syscalls.pread(
                        fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]),
                        at: offset + Int64(done))
                    if n == 0 { failure = "file ended early"; return }
                    done += n
                } catch {
                    failure = error.message
                    return
                }
            }
        }
        if let failure { throw .io("cannot read \(path): \(failure)") }
        return out
    }
}
