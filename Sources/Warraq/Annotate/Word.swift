/// A word as UTF-8 bytes, hashed and compared byte by byte. String keys hash by canonical equivalence
/// (an NFC check per lookup), far too slow for every word of every article; our words all come out of
/// one normalizer, so byte equality is the right equality.
public struct Word: Hashable, Sendable, Comparable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ s: String) { bytes = Array(s.utf8) }
    init(_ slice: ArraySlice<UInt8>) { bytes = Array(slice) }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hashes the bytes in one call (an array's own hash feeds them in one by one).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static func == (a: Word, b: Word) -> Bool { a.bytes == b.bytes }
    /// Unicode scalars in the word (UTF-8 lead bytes).
    public var scalarCount: Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    func hasPrefix(_ p: [UInt8]) -> Bool { bytes.count >= p.count && bytes[0..<p.count].elementsEqual(p) }
    func dropFirst(_ n: Int) -> Word { Word(bytes[n...]) }
    func appending(_ other: Word) -> Word { Word(bytes + [0x20] + other.bytes) }

    public static func < (a: Word, b: Word) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

/// Splits UTF-8 text into words: runs of letters, and (separately) runs of ASCII digits, with `/` and `-`
/// kept inside digit runs (numeric dates). Decodes only multi-byte sequences that are not Arabic letters.
enum WordTokenizer {
    struct Token { var word: Word; var isNumber: Bool }

    static func tokens(_ text: String, keepNumbers: Bool = false) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(bytes: $0, keepNumbers: keepNumbers) }
    }

    static func words(_ text: String) -> [Word] { tokens(text).map(\.word) }

    static func tokens(bytes b: UnsafeBufferPointer<UInt8>, keepNumbers: Bool) -> [Token] {
        var out: [Token] = []
        var start = -1, kind = 0  // 1 letters, 2 digits
        func flush(_ end: Int) {
            if start >= 0 && (kind == 1 || keepNumbers) { out.append(Token(word: Word(Array(b[start..<end])), isNumber: kind == 2)) }
            start = -1; kind = 0
        }
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            var length = 1
            var cls = 0
            if c < 0x80 {
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { cls = 1 }
                else if c >= 0x30 && c <= 0x39 { cls = 2 }
                else if (c == 0x2F || c == 0x2D) && kind == 2 && i + 1 < n && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 { i += 1; continue }
            } else {
                length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                if i + length > n { break }
                if (c == 0xD8 && b[i + 1] >= 0xA1) || (c == 0xD9 && b[i + 1] <= 0x8A) {
                    cls = 1  // U+0621–U+064A
                } else {
                    var v = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                    if let s = Unicode.Scalar(v), TextStatistics.isLetter(s) { cls = 1 }
                }
            }
            if cls != kind || cls == 0 { flush(i) }
            if cls != 0 && start < 0 { start = i; kind = cls }
            i += length
        }
        flush(n)
        return out
    }
}
