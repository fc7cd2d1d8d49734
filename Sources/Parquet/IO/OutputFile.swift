#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for writing from the start, tracking the offset of the next byte.
final class OutputFile {
    private var fd: Int32
    let path: String
    private(set) var offset: Int64 = 0

    init(path: String) throws(ParquetError) {
        self.path = path
        do { fd = try Syscalls.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC) } catch {
            throw .io("cannot create \(path): \(error.message)")
        }
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }

    func write(_ bytes: [UInt8]) throws(ParquetError) {
        try bytes.withBytes { (raw) throws(ParquetError) in
            do throws(Syscalls.Failure) { try Syscalls.writeAll(fd, raw) } catch {
                throw .io("cannot write \(path): \(error.message)\(error.spaceHint)")
            }
        }
        offset += Int64(bytes.count)
    }

    /// Flushes to disk and closes; the file is complete only after this returns.
    func close(sync: Bool) throws(ParquetError) {
        guard fd >= 0 else { return }
        if sync {
            do { try Syscalls.fsync(fd) } catch { throw .io("cannot sync \(path): \(error.message)") }
        }
        let descriptor = fd
        fd = -1
        do { try Syscalls.close(descriptor) } catch { throw .io("cannot close \(path): \(error.message)") }
    }
}
