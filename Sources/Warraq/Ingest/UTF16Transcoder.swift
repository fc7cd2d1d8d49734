/// UTF-16 (one byte order) to UTF-8, chunk by chunk: the one decoder of UTF-16 that whole texts
/// (`TextDecoding.decode`) and streams (`UTF16ByteSource`) share. A chunk may end anywhere, even inside a
/// code unit or between the halves of a surrogate pair.
struct UTF16Transcoder {
    enum Failure: Error {
        /// A lone surrogate.
        case unpairedSurrogate
        /// The text ends inside a code unit or a surrogate pair.
        case truncated
    }

    let littleEndian: Bool
    private var pendingByte: UInt8?
    private var pendingHigh: UInt16?

    init(littleEndian: Bool) { self.littleEndian = littleEndian }

    /// Appends the UTF-8 of `bytes` to `out`.
    mutating func transcode(_ bytes: some Sequence<UInt8>, into out: inout [UInt8]) throws(Failure) {
        for byte in bytes {
            guard let first = pendingByte else { pendingByte = byte; continue }
            pendingByte = nil
            let unit = littleEndian ? UInt16(first) | UInt16(byte) << 8 : UInt16(first) << 8 | UInt16(byte)
            let scalar: UInt32
            if let high = pendingHigh {
                guard unit >= 0xDC00 && unit < 0xE000 else { throw .unpairedSurrogate }
                scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                pendingHigh = nil
            } else if unit >= 0xD800 && unit < 0xDC00 {
                pendingHigh = unit
                continue
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw .unpairedSurrogate
            } else {
                scalar = UInt32(unit)
            }
            Self.appendUTF8(scalar, to: &out)
        }
    }

    /// Checks that the text did not end inside a character.
    func finish() throws(Failure) {
        if pendingByte != nil || pendingHigh != nil { throw .truncated }
    }

    /// The UTF-8 bytes of a scalar value (below 0x110000, not a surrogate: what `transcode` gives).
    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case ..<0x10000: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default:
            out += [
                UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F),
                UInt8(0x80 | v & 0x3F),
            ]
        }
    }
}
