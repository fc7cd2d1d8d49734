/// What counts as a letter: what Unicode calls alphabetic (Arabic marks included), with a table for the
/// two-byte range of UTF-8 so that the hot loops never ask the Unicode database about Arabic.
enum Letters {
    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool { isLetter(value: c.value) }

    @inline(__always)
    static func isLetter(value v: UInt32) -> Bool {
        if v < 0x800 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    /// `isAlphabetic` for U+0000–U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac, Thaana), one bit each.
    private static let bits: [UInt64] = (0..<32).map { word in
        var bits: UInt64 = 0
        for bit in 0..<64 where Unicode.Scalar(UInt32(word * 64 + bit))?.properties.isAlphabetic == true {
            bits |= 1 << UInt64(bit)
        }
        return bits
    }
}
