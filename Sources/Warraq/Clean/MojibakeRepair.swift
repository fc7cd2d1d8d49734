/// Repairs UTF-8 text that was decoded as Windows-1252 («Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©») or as Windows-1256
/// («ط§ظ„ط¹ط±ط¨ظٹط©»), but only where encoding it back and decoding it as UTF-8 gives valid Arabic text.
public enum MojibakeRepair {
    public enum Kind: String, Sendable { case cp1252 = "mojibake_cp1252", cp1256 = "mojibake_cp1256" }

    /// The repaired text and what it was, or nil when the text does not look like mojibake or does not round-trip.
    public static func repair(_ text: String) -> (String, Kind)? {
        guard mayBeMojibake(text) else { return nil }
        var latin = 0, arabic = 0, tahZah = 0, letters = 0
        for c in text.unicodeScalars {
            let v = c.value
            if (0xC0...0xFF).contains(v) {
                latin += 1; letters += 1
            } else if (0x0621...0x064A).contains(v) {
                arabic += 1; letters += 1; if v == 0x0637 || v == 0x0638 { tahZah += 1 }
            } else if c.properties.isAlphabetic {
                letters += 1
            }
        }
        guard letters >= 4 else { return nil }
        if latin * 3 >= letters && arabic * 10 < letters, let bytes = encode(text, table: cp1252),
            let fixed = String(validating: bytes, as: UTF8.self), TextDecoding.isPlausibleArabic(fixed)
        {
            return (fixed, .cp1252)
        }
        // In cp1256 mojibake every other letter is ط or ظ (the lead bytes D8 and D9 of Arabic in UTF-8).
        if arabic >= 4 && tahZah * 10 >= arabic * 4, let bytes = encode(text, table: cp1256),
            let fixed = String(validating: bytes, as: UTF8.self), TextDecoding.isPlausibleArabic(fixed)
        {
            return (fixed, .cp1256)
        }
        return nil
    }

    /// A check on bytes that rules out most texts before the one on scalars: cp1252 mojibake needs
    /// characters U+00C0–U+00FF (lead byte C3) at least a third as many as Arabic letters; cp1256 mojibake
    /// needs ط and ظ (D8 B7, D8 B8) for at least 40% of the Arabic letters. It looks at the first 1 KiB:
    /// a text is repaired only when all of it round-trips, which a text with a normal head never does.
    private static func mayBeMojibake(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { all in
            let b = UnsafeBufferPointer(rebasing: all.prefix(1024))
            // First, eight bytes at a time: bytes C3 (cp1252 mojibake has them), bytes B7 and B8 (the second
            // bytes of ط and ظ), and lead bytes D8 and D9. In cp1256 mojibake every D8 or D9 of the original
            // became ط or ظ, so B7/B8 are at least a fifth of D8/D9; in Arabic they are a few percent.
            var c3 = 0, b7b8 = 0, d8d9 = 0
            var k = 0
            // Safety: 8-byte loads at `k` with `k + 8 <= b.count`.
            if let base = UnsafeRawPointer(b.baseAddress) {
                while k + 8 <= b.count {
                    let v = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                    c3 &+= Self.bytes(in: v, equalTo: 0xC3)
                    b7b8 &+= Self.bytes(in: v, equalTo: 0xB7) &+ Self.bytes(in: v, equalTo: 0xB8)
                    d8d9 &+= Self.bytes(in: v & 0xFEFE_FEFE_FEFE_FEFE, equalTo: 0xD8)
                    k += 8
                }
            }
            while k < b.count {
                let c = b[k]
                c3 &+= c == 0xC3 ? 1 : 0
                b7b8 &+= c == 0xB7 || c == 0xB8 ? 1 : 0
                d8d9 &+= c & 0xFE == 0xD8 ? 1 : 0
                k += 1
            }
            guard c3 > 0 || (d8d9 >= 8 && b7b8 * 5 >= d8d9) else { return false }
            // Then exactly, on the pairs: C3, D8 and D9 are never continuation bytes.
            var latin = 0, arabic = 0, tahZah = 0
            var i = 0
            while i + 1 < b.count {
                let c = b[i], d = b[i + 1]
                latin &+= c == 0xC3 ? 1 : 0
                arabic &+= (c == 0xD8 && d >= 0xA1) || (c == 0xD9 && d <= 0x8A) ? 1 : 0
                tahZah &+= c == 0xD8 && (d == 0xB7 || d == 0xB8) ? 1 : 0
                i += 1
            }
            return (latin > 0 && latin * 3 >= arabic) || (arabic >= 4 && tahZah * 10 >= arabic * 4)
        }
    }

    /// How many of the eight bytes of `v` equal `byte` (exactly: no carries between bytes).
    @inline(__always)
    private static func bytes(in v: UInt64, equalTo byte: UInt8) -> Int {
        let t = v ^ (0x0101_0101_0101_0101 &* UInt64(byte))  // zero where equal
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        let nonzero = ((t & low) &+ low) | t  // high bit set where the byte is not zero
        return (~nonzero & 0x8080_8080_8080_8080).nonzeroBitCount
    }

    /// Code point → byte for the high half of a single-byte code page.
    private static let cp1256: [UInt32: UInt8] = {
        var t: [UInt32: UInt8] = [:]
        for (i, v) in TextDecoding.windows1256High.enumerated() { t[v] = UInt8(0x80 + i) }
        return t
    }()

    private static let cp1252: [UInt32: UInt8] = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
            0x017E, 0x0178,
        ]
        var t: [UInt32: UInt8] = [:]
        for (i, v) in high.enumerated() { t[v] = UInt8(0x80 + i) }
        for v in UInt32(0xA0)...0xFF { t[v] = UInt8(v) }
        return t
    }()

    private static func encode(_ text: String, table: [UInt32: UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        for c in text.unicodeScalars {
            if c.value < 0x80 {
                out.append(UInt8(c.value))
            } else if let b = table[c.value] {
                out.append(b)
            } else {
                return nil
            }
        }
        return out
    }
}
