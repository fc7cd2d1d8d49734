#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The raw file system calls of the package, in one place: each retries on `EINTR` and turns a failure into a
/// `Syscalls.Failure` that carries `errno`, so callers word their own error and never loop themselves.
///
/// Safety: every buffer is passed with its own count; a call reads or writes only inside it.
package enum Syscalls {
    /// A failed call: which one and `errno`.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package var call: String
        package var code: Int32
        /// `strerror`'s text.
        package var message: String { String(cString: strerror(code)) }
        /// True when the disk, a quota or the file size limit is full.
        package var isNoSpace: Bool { code == ENOSPC || code == EFBIG || code == EDQUOT }
        /// What to do about a full disk, for a message (empty for other failures).
        package var spaceHint: String {
            isNoSpace ? " (the disk or the file size limit is full: free space and run again)" : ""
        }
        package var description: String { "\(call): \(message)" }
    }

    private static func fail(_ call: String) -> Failure { Failure(call: call, code: errno) }

    /// `open(2)`: a descriptor that the caller closes.
    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(Failure) -> Int32 {
        while true {
            let fd = flags & O_CREAT != 0 ? Glibc.open(path, flags, mode) : Glibc.open(path, flags)
            if fd >= 0 { return fd }
            if errno != EINTR { throw fail("open") }
        }
    }

    /// `pread(2)` into all of `buffer` at most; returns how many bytes were read (0 at the end of the file).
    package static func pread(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Failure)
        -> Int
    {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.pread(fd, base, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw fail("read") }
        }
    }

    /// `count` bytes at `offset`, by `pread(2)` until they are all read; fewer only where the file ends.
    package static func pread(_ fd: Int32, count: Int, at offset: Int64) throws(Failure) -> [UInt8] {
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, count)) { out, filled in
            // Safety: each call gets the part of `out` not yet filled (`done..<count`), and `done` grows by what
            // the call reports it read, at most that part's size.
            var done = 0
            while done < out.count {
                do throws(Failure) {
                    let n = try pread(
                        fd, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: out[done...])),
                        at: offset + Int64(done))
                    if n == 0 { break }
                    done += n
                } catch { failure = error; break }
            }
            filled = done
        }
        if let failure { throw failure }
        return bytes
    }

    /// `write(2)` until every byte of `bytes` is written.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("write")
            }
            done += n
        }
    }

    /// `write(2)` until every byte of the array is written.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        let failure: Failure? = bytes.withUnsafeBytes { raw in
            do throws(Failure) { try writeAll(fd, raw); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// `fsync(2)`.
    package static func fsync(_ fd: Int32) throws(Failure) {
        while Glibc.fsync(fd) != 0 {
            if errno != EINTR { throw fail("fsync") }
        }
    }

    /// `flock(2)`; with `LOCK_NB`, false when another process holds the lock.
    package static func flock(_ fd: Int32, _ operation: Int32) throws(Failure) -> Bool {
        while systemFlock(fd, operation) != 0 {
            if errno == EWOULDBLOCK { return false }
            if errno != EINTR { throw fail("flock") }
        }
        return true
    }

    /// `rename(2)`: atomic within one file system.
    package static func rename(_ from: String, _ to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw fail("rename") }
    }

    /// `pwrite(2)` of all of `bytes` at `offset`.
    package static func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64) throws(Failure) {
        let failure: Failure? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let n = Glibc.pwrite(fd, base + done, raw.count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    return fail("pwrite")
                }
                done += n
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// `ftruncate(2)`.
    package static func truncate(_ fd: Int32, to length: Int64) throws(Failure) {
        while Glibc.ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { throw fail("ftruncate") }
        }
    }

    /// `fstat(2)`: the size of a regular file, or nil for anything else (a folder, a device, a pipe).
    package static func regularFileSize(_ fd: Int32) throws(Failure) -> Int64? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("fstat") }
        return (st.st_mode & S_IFMT) == S_IFREG ? Int64(st.st_size) : nil
    }

    /// `unlink(2)`.
    package static func unlink(_ path: String) throws(Failure) {
        guard Glibc.unlink(path) == 0 else { throw fail("unlink") }
    }

    /// `close(2)`; not retried on `EINTR` (Linux closes the descriptor anyway).
    package static func close(_ fd: Int32) throws(Failure) {
        guard Glibc.close(fd) == 0 else { throw fail("close") }
    }
}

/// `flock(2)` by a name that the static `Syscalls.flock` does not shadow.
private func systemFlock(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }
