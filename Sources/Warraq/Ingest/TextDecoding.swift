/// Turns the bytes of a record into UTF-8 text: valid UTF-8 as it is (a BOM stripped), UTF-16 with a BOM,
/// else Windows-1256 when that gives Arabic text; anything else is undecodable.
public enum TextDecoding {
    /// Decodes `bytes`, or returns nil when they are neither UTF-8, UTF-16 with a BOM, nor plausible Windows-1256.
    /// Safety: only reads `bytes` by index after checking its count (`b.count >= 3`, `i + 1 < count` by the stride).
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> (text: String, source: TextEncoding)? {
        var b = bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            b = UnsafeRawBufferPointer(rebasing: b[3...])
        } else if b.count >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
            return decodeUTF16(UnsafeRawBufferPointer(rebasing: b[2...]), littleEndian: b[0] == 0xFF).map {
                ($0, .utf16)
            }
        }
        if let s = String(validating: b, as: UTF8.self) { return (s, .utf8) }
        let s = decodeWindows1256(b)
        return isPlausibleArabic(s) ? (s, .windows1256) : nil
    }

    public static func decode(_ bytes: [UInt8]) -> (text: String, source: TextEncoding)? {
        bytes.withUnsafeBytes { decode($0) }
    }

    static func decodeUTF16(_ b: UnsafeRawBufferPointer, littleEndian: Bool) -> String? {
        var transcoder = UTF16Transcoder(littleEndian: littleEndian)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        do {
            try transcoder.transcode(b, into: &out)
            try transcoder.finish()
        } catch { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1256 to text (every byte maps to one character).
    public static func decodeWindows1256(_ b: UnsafeRawBufferPointer) -> String {
        var out = String.UnicodeScalarView()
        for byte in b {
            out.append(byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(windows1256High[Int(byte) - 0x80])!)
        }
        return String(out)
    }

    /// True when most letters of `s` are Arabic-script letters (what a real cp1256 text gives).
    static func isPlausibleArabic(_ s: String) -> Bool {
        var arabic = 0, letters = 0
        for u in s.unicodeScalars where u.properties.isAlphabetic {
            letters += 1
            if (0x0600...0x06FF).contains(u.value) { arabic += 1 }
        }
        return letters > 0 && Double(arabic) / Double(letters) >= 0.5
    }

    /// Code points of bytes 0x80–0xFF in Windows-1256.
    static let windows1256High: [UInt32] = [
        0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686,
        0x0698, 0x0688,
        0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C,
        0x200D, 0x06BA,
        0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD,
        0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD,
        0x00BE, 0x061F,
        0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D,
        0x062E, 0x062F,
        0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7, 0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641,
        0x0642, 0x0643,
        0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A,
        0x00EE, 0x00EF,
        0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7, 0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E,
        0x200F, 0x06D2,
    ]
}
