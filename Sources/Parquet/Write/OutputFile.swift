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
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }

    func write(_ bytes: [UInt8]) throws(ParquetError) {
        try bytes.withBytes { (raw) throws(ParquetError) in
            var done = 0
            while done < raw.count {
                // Safety: `write` reads `raw[done...]`, `raw.count - done` bytes, within the buffer.
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    let hint = errno == ENOSPC || errno == EFBIG || errno == EDQUOT ? " (the disk or the file size limit is full: free space and run again)" : ""
                    throw .io("cannot write \(path): \(String(cString: strerror(errno)))\(hint)")
                }
                done += n
            }
        }
        offset += Int64(bytes.count)
    }

    /// Flushes to disk and closes; the file is complete only after this returns.
    func close(sync: Bool) throws(ParquetError) {
        guard fd >= 0 else { return }
        if sync && fsync(fd) != 0 { throw .io("cannot sync \(path): \(String(cString: strerror(errno)))") }
        let rc = Glibc.close(fd)
        fd = -1
        guard rc == 0 else { throw .io("cannot close \(path): \(String(cString: strerror(errno)))") }
    }
}
