/// A Snappy block decoder (google/snappy `format_description.txt`): the only codec besides gzip
/// that common writers use by default (pyarrow's default is SNAPPY).
///
/// Safety: every read of `input` and write of `dst` follows a check against its count in the same branch; a copy
/// reads only `dst[o - offset ..< o - offset + len]` with `0 < offset <= o` and `o + len <= dst.count`.
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
}
