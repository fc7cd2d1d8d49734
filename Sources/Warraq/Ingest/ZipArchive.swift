/// The entries of a zip archive, read from its central directory (zip64 included). Entries are read
/// as streams and never written to disk, so names such as `../x` cannot escape anywhere.
public struct ZipArchive {
    public struct Entry: Sendable {
        public var name: String
        public var method: UInt16
        public var compressedSize: Int64
        public var uncompressedSize: Int64
        public var localHeaderOffset: Int64
        public var isDirectory: Bool { name.hasSuffix("/") }
    }

    public let path: String
    public let entries: [Entry]
    private let fileSize: Int64

    public init(path: String, fileSize: Int64) throws {
        self.path = path
        func corrupt(_ what: String) -> IngestError { .corruptZip(path: path, problem: what) }
        // Zip64 fields are unsigned 64-bit: one past Int64.max is corrupt, not a trap.
        func signed(_ v: UInt64, _ what: String) throws -> Int64 {
            guard let s = Int64(exactly: v) else { throw corrupt("\(what) \(v) out of range") }
            return s
        }
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        let tailLength = Int(min(fileSize, 65_557))
        let tail = try Self.read(path, at: fileSize - Int64(tailLength), count: tailLength)
        guard tailLength >= 22,
            let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: {
                tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
            })
        else { throw corrupt("no end of central directory (truncated zip?)") }
        var count = Int64(le16(tail, eocd + 10))
        var cdSize = Int64(le32(tail, eocd + 12))
        var cdOffset = Int64(le32(tail, eocd + 16))
        // Zip64: the locator sits just before the EOCD record.
        if (count == 0xFFFF || cdOffset == 0xFFFF_FFFF), eocd >= 20,
            le32(tail, eocd - 20) == 0x0706_4B50
        {
            let z64Offset = try signed(le64(tail, eocd - 20 + 8), "zip64 record offset")
            guard z64Offset <= fileSize - 56 else { throw corrupt("zip64 record out of range") }
            let z = try Self.read(path, at: z64Offset, count: 56)
            guard le32(z, 0) == 0x0606_4B50 else { throw corrupt("bad zip64 end of central directory") }
            count = try signed(le64(z, 32), "entry count")
            cdSize = try signed(le64(z, 40), "central directory size")
            cdOffset = try signed(le64(z, 48), "central directory offset")
        }
        guard cdOffset >= 0, cdSize >= 0, cdSize <= fileSize - cdOffset, count >= 0, count <= cdSize / 46 + 1 else {
            throw corrupt("central directory out of range")
        }
        let cd = try Self.read(path, at: cdOffset, count: Int(cdSize))
        var entries: [Entry] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, le32(cd, p) == 0x0201_4B50 else { throw corrupt("bad central directory entry") }
            let method = le16(cd, p + 10)
            var compressed = Int64(le32(cd, p + 20)), uncompressed = Int64(le32(cd, p + 24))
            let nameLength = Int(le16(cd, p + 28)), extraLength = Int(le16(cd, p + 30)),
                commentLength = Int(le16(cd, p + 32))
            var localOffset = Int64(le32(cd, p + 42))
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                throw corrupt("central directory entry runs past its end")
            }
            let name = String(decoding: cd[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            // Zip64 extra field: sizes and offset that did not fit in 32 bits, in this order.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = le16(cd, e), size = Int(le16(cd, e + 2))
                if id == 0x0001 {
                    var q = e + 4
                    let fieldEnd = min(e + 4 + size, extraEnd)
                    if uncompressed == 0xFFFF_FFFF, q + 8 <= fieldEnd {
                        uncompressed = try signed(le64(cd, q), "size"); q += 8
                    }
                    if compressed == 0xFFFF_FFFF, q + 8 <= fieldEnd {
                        compressed = try signed(le64(cd, q), "size"); q += 8
                    }
                    if localOffset == 0xFFFF_FFFF, q + 8 <= fieldEnd { localOffset = try signed(le64(cd, q), "offset") }
                }
                e += 4 + size
            }
            entries.append(
                Entry(
                    name: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed,
                    localHeaderOffset: localOffset))
            p += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
        self.fileSize = fileSize
    }

    /// A stream of the entry's uncompressed bytes.
    public func open(_ entry: Entry) throws -> any ByteSource {
        func corrupt(_ what: String) -> IngestError { .corruptZip(path: path, problem: "\(entry.name): \(what)") }
        // Offsets and sizes come from the file: each sum is checked against the file's size, which bounds them all.
        guard entry.localHeaderOffset >= 0, entry.localHeaderOffset <= fileSize - 30 else {
            throw corrupt("local header out of range")
        }
        let header = try Self.read(path, at: entry.localHeaderOffset, count: 30)
        guard le32(header, 0) == 0x0403_4B50 else { throw corrupt("bad local header") }
        let dataStart = entry.localHeaderOffset + 30 + Int64(le16(header, 26)) + Int64(le16(header, 28))
        guard entry.compressedSize >= 0, dataStart <= fileSize, entry.compressedSize <= fileSize - dataStart else {
            throw corrupt("data of \(entry.compressedSize) bytes at \(dataStart) lies outside the file")
        }
        let raw = try FileByteSource(path: path, range: dataStart..<(dataStart + entry.compressedSize))
        switch entry.method {
        case 0: return raw
        case 8:
            // Bound the output by the declared size (with slack): a lying entry cannot inflate without end.
            return try InflatingByteSource(
                raw, framing: .rawDeflate, name: "\(path)/\(entry.name)",
                maxOutput: min(max(entry.uncompressedSize, 0), Int64.max - (1 << 20)) + (1 << 20))
        default:
            throw IngestError.unsupportedZipMethod(path: path, entry: entry.name, method: Int(entry.method))
        }
    }

    private static func read(_ path: String, at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= Int64.max - Int64(count) else {
            throw IngestError.corruptZip(path: path, problem: "offset out of range")
        }
        let source = try FileByteSource(path: path, range: offset..<(offset + Int64(count)))
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            // Safety: reads into `out[done..<count]`, `count - done` bytes of the array's `count`.
            let n = try out.withUnsafeMutableBytes {
                try source.read(into: $0.baseAddress! + done, count: count - done)
            }
            if n == 0 {
                throw IngestError.corruptZip(
                    path: path, problem: "ends before byte \(offset + Int64(count)) (truncated zip?)")
            }
            done += n
        }
        return out
    }
}

@inline(__always) private func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
@inline(__always) private func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16
}
@inline(__always) private func le64(_ b: [UInt8], _ i: Int) -> UInt64 {
    UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32
}
