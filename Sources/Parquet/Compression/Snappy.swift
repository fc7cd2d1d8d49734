/// Snappy blocks (google/snappy `format_description.txt`): the default codec of pyarrow, DuckDB and Spark, for readers
/// that want the fastest decode.
///
/// The encoder works on arrays (every access checked). The decoder's safety: every read of `input` and write of
/// `dst` follows a check against its count in the same branch; a copy reads only `dst[o - offset ..< o - offset +
/// len]` with `0 < offset <= o` and `o + len <= dst.count`.
enum Snappy {
    /// Decodes one raw Snappy block; the result must be exactly `expectedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        var pos = 0
        // Preamble: the uncompressed length as a little-endian varint.
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < input.count else { throw .corruptData("snappy: truncated length preamble") }
            let b = input[pos]; pos += 1
            length |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw .corruptData("snappy: length preamble too long") }
        }
        guard length == UInt64(expectedSize) else {
            throw .corruptData("snappy: block says \(length) bytes, page header says \(expectedSize)")
        }
        var out = [UInt8](repeating: 0, count: expectedSize)
        var failure: String?
        out.withUnsafeMutableBufferPointer { dst in
            var o = 0
            while pos < input.count {
                let tag = input[pos]; pos += 1
                switch tag & 3 {
                case 0:  // literal
                    var len = Int(tag >> 2)
                    if len >= 60 {
                        let extra = len - 59
                        guard pos + extra <= input.count else { failure = "truncated literal length"; return }
                        len = 0
                        for i in 0..<extra { len |= Int(input[pos + i]) << (8 * i) }
                        pos += extra
                    }
                    len += 1
                    guard pos + len <= input.count else { failure = "literal runs past the input"; return }
                    guard o + len <= dst.count else { failure = "literal runs past the output"; return }
                    for i in 0..<len { dst[o + i] = input[pos + i] }
                    pos += len; o += len
                default:
                    let len: Int
                    let offset: Int
                    switch tag & 3 {
                    case 1:
                        guard pos < input.count else { failure = "truncated copy"; return }
                        len = Int((tag >> 2) & 7) + 4
                        offset = Int(tag >> 5) << 8 | Int(input[pos]); pos += 1
                    case 2:
                        guard pos + 2 <= input.count else { failure = "truncated copy"; return }
                        len = Int(tag >> 2) + 1
                        offset = Int(input[pos]) | Int(input[pos + 1]) << 8; pos += 2
                    default:
                        guard pos + 4 <= input.count else { failure = "truncated copy"; return }
                        len = Int(tag >> 2) + 1
                        offset =
                            Int(input[pos]) | Int(input[pos + 1]) << 8 | Int(input[pos + 2]) << 16 | Int(input[pos + 3])
                            << 24
                        pos += 4
                    }
                    guard offset > 0, offset <= o else { failure = "copy offset \(offset) out of range"; return }
                    guard o + len <= dst.count else { failure = "copy runs past the output"; return }
                    // Byte by byte: a copy may overlap its own output (offset < len).
                    for i in 0..<len { dst[o + i] = dst[o - offset + i] }
                    o += len
                }
            }
            if o != dst.count { failure = "decoded \(o) bytes, expected \(dst.count)" }
        }
        if let failure { throw .corruptData("snappy: \(failure)") }
        return out
    }

    /// Encodes `input` as one raw Snappy block: greedy matching of 4-byte sequences through a hash table, in
    /// fragments of 64 KiB (as google/snappy does: every copy's offset fits two bytes).
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 + input.count + input.count / 6)
        var length = input.count
        while length >= 0x80 {
            out.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        out.append(UInt8(length))
        var table = [UInt16](repeating: 0, count: 1 << hashBits)
        var start = 0
        while start < input.count {
            let end = min(start + fragment, input.count)
            compress(input, start..<end, into: &out, table: &table)
            start = end
        }
        return out
    }

    private static let fragment = 1 << 16
    private static let hashBits = 14

    @inline(__always) private static func load32(_ input: [UInt8], _ i: Int) -> UInt32 {
        UInt32(input[i]) | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2]) << 16 | UInt32(input[i + 3]) << 24
    }

    @inline(__always) private static func hash(_ v: UInt32) -> Int { Int((v &* 0x1E35_A7BD) >> (32 - hashBits)) }

    /// One fragment: positions in `table` are relative to its start (so they fit 16 bits).
    private static func compress(
        _ input: [UInt8], _ fragment: Range<Int>, into out: inout [UInt8], table: inout [UInt16]
    ) {
        for i in table.indices { table[i] = 0 }
        let base = fragment.lowerBound, end = fragment.upperBound
        var pending = base  // the first byte not yet emitted
        var i = base
        var misses = 32  // skip faster through data that does not compress (google/snappy's heuristic)
        while i + 4 <= end {
            let v = load32(input, i)
            let h = hash(v)
            let candidate = base + Int(table[h])
            table[h] = UInt16(i - base)
            guard candidate < i, load32(input, candidate) == v else {
                i += misses >> 5
                misses += 1
                continue
            }
            misses = 32
            if pending < i { literal(input[pending..<i], into: &out) }
            var matched = 4
            while i + matched < end && input[candidate + matched] == input[i + matched] { matched += 1 }
            copy(offset: i - candidate, length: matched, into: &out)
            i += matched
            pending = i
            // The positions inside the match are not hashed; the one before its end is, for the next match.
            if i - 1 + 4 <= end { table[hash(load32(input, i - 1))] = UInt16(i - 1 - base) }
        }
        if pending < end { literal(input[pending..<end], into: &out) }
    }

    private static func literal(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let n = bytes.count - 1
        if n < 60 {
            out.append(UInt8(n << 2))
        } else {
            var extra = 0
            var rest = n
            while rest > 0 {
                extra += 1
                rest >>= 8
            }
            out.append(UInt8((59 + extra) << 2))
            for k in 0..<extra { out.append(UInt8(truncatingIfNeeded: n >> (8 * k))) }
        }
        out.append(contentsOf: bytes)
    }

    /// A copy of `length` bytes from `offset` back (offset < 65536), as copies of at most 64 bytes.
    private static func copy(offset: Int, length: Int, into out: inout [UInt8]) {
        var length = length
        while length >= 68 {
            copy2(offset, 64, &out)
            length -= 64
        }
        if length > 64 {
            copy2(offset, 60, &out)
            length -= 60
        }
        if length < 12 && offset < 2048 {
            out.append(UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5))
            out.append(UInt8(offset & 0xFF))
        } else {
            copy2(offset, length, &out)
        }
    }

    private static func copy2(_ offset: Int, _ length: Int, _ out: inout [UInt8]) {
        out.append(UInt8(2 | (length - 1) << 2))
        out.append(UInt8(offset & 0xFF))
        out.append(UInt8(offset >> 8))
    }
}
