/// The words of an article in their search form: one pass over the UTF-8 bytes of the title and the text
/// finds the words (runs of letters, and runs of digits with `/` and `-` inside) and normalizes each with
/// the search steps (`NormalizationStep.searchDefault`) as it copies it. The gazetteer, dates, keywords
/// and quality rules all read these words; nothing is allocated per word.
struct SearchWords {
    struct Span {
        /// The normalized word is `bytes[start..<end]`.
        var start: Int32
        var end: Int32
        /// The written word is `source[sourceStart..<sourceEnd]` of its field (the title or the text).
        var sourceStart: Int32
        var sourceEnd: Int32
        /// `ByteKeyTable.hash` of the normalized word.
        var hash: UInt32
        var isNumber: Bool
    }

    /// The normalized words back to back.
    private(set) var bytes: [UInt8] = []
    private(set) var spans: [Span] = []
    /// Words `0..<titleWords` come from the title, the rest from the text.
    private(set) var titleWords = 0
    /// Letters in the text's words (not the title's), and how many of them are Arabic (U+0621–U+064A).
    private(set) var letters = 0
    private(set) var arabicLetters = 0

    var count: Int { spans.count }

    /// The words of `title` (if any), then of `text`.
    init(title: String?, text: String) {
        var title = title ?? "", text = text
        // The search form of a word is never longer than the word.
        let capacity = title.utf8.count + text.utf8.count
        var spans: [Span] = []
        spans.reserveCapacity(capacity / 8)
        var titleWords = 0, letters = 0, arabic = 0
        bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            var o = 0
            title.withUTF8 { _ = Self.scan($0, into: out.baseAddress!, at: &o, spans: &spans) }
            titleWords = spans.count
            text.withUTF8 { (letters, arabic) = Self.scan($0, into: out.baseAddress!, at: &o, spans: &spans) }
            count = o
        }
        self.spans = spans
        self.titleWords = titleWords
        self.letters = letters
        self.arabicLetters = arabic
    }

    /// The normalized bytes of word `i` within `all` (from `bytes.withUnsafeBufferPointer`).
    @inline(__always)
    func word(_ i: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: all[Int(spans[i].start)..<Int(spans[i].end)])
    }

    /// What a two-byte sequence led by D8–DB is in the search form.
    private enum Kind: UInt8 { case other, arabicLetter, letter, digit, dropped }
    private struct Entry { var kind: Kind; var b0: UInt8; var b1: UInt8 }

    /// The 4 × 64 sequences D8 80 … DB BF, worked out once with the search normalizer itself.
    private static let table: [Entry] = {
        let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
        var t: [Entry] = []
        for v in UInt32(0x600)...0x6FF {
            let out = Array(normalizer.normalize(String(Unicode.Scalar(v)!)).utf8)
            if out.isEmpty { t.append(Entry(kind: .dropped, b0: 0, b1: 0)); continue }
            if out.count == 1 && out[0] >= 0x30 && out[0] <= 0x39 { t.append(Entry(kind: .digit, b0: out[0], b1: 0)); continue }
            let s = String(decoding: out, as: UTF8.self).unicodeScalars.first!
            let kind: Kind = s.value >= 0x0621 && s.value <= 0x064A ? .arabicLetter : TextStatistics.isLetter(s) ? .letter : .other
            t.append(Entry(kind: kind, b0: out[0], b1: out.count > 1 ? out[1] : 0))
        }
        return t
    }()

    /// Finds the words of `b`, writes their search form at `out + o`, and appends their spans.
    /// Returns the letters written and how many are Arabic.
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, at o: inout Int,
                             spans: inout [Span]) -> (Int, Int) {
        var start = -1, sourceStart = 0, kind = 0  // 1 letters, 2 digits
        var letters = 0, arabic = 0
        var i = 0
        let n = b.count
        let table = Self.table
        while i < n {
            let c = b[i]
            var cls = 0, width = 1, length = 0
            var b0: UInt8 = 0, b1: UInt8 = 0
            if c < 0x80 {
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { cls = 1; b0 = c | 0x20; length = 1; letters += 1 }
                else if c >= 0x30 && c <= 0x39 { cls = 2; b0 = c; length = 1 }
                else if (c == 0x2F || c == 0x2D) && kind == 2 && i + 1 < n && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 { cls = 2; b0 = c; length = 1 }
            } else if c >= 0xD8 && c <= 0xDB && i + 1 < n {
                width = 2
                let e = table[Int(c - 0xD8) << 6 | Int(b[i + 1] & 0x3F)]
                switch e.kind {
                case .arabicLetter: cls = 1; b0 = e.b0; b1 = e.b1; length = 2; letters += 1; arabic += 1
                case .letter: cls = 1; b0 = e.b0; b1 = e.b1; length = 2; letters += 1
                case .digit: cls = 2; b0 = e.b0; length = 1
                case .dropped: i += 2; continue  // diacritics and tatweel: inside a word they neither end it nor show
                case .other: break
                }
            } else {
                width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                if i + width > n { break }
                var v = UInt32(c) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<width { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                if TextStatistics.isLetter(value: v) { cls = 1; length = width; letters += 1 }
            }
            if cls != kind {
                if start >= 0 { spans.append(span(out, start, o, sourceStart, i, kind)) }
                start = -1
                kind = cls
                if cls != 0 { start = o; sourceStart = i }
            }
            if length == 1 { out[o] = b0 }
            else if length == 2 && c >= 0xD8 && c <= 0xDB { out[o] = b0; out[o + 1] = b1 }
            else if length > 0 { for k in 0..<length { out[o + k] = b[i + k] } }
            o += length
            i += width
        }
        if start >= 0 { spans.append(span(out, start, o, sourceStart, n, kind)) }
        return (letters, arabic)
    }

    @inline(__always)
    private static func span(_ out: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ sourceStart: Int, _ sourceEnd: Int, _ kind: Int) -> Span {
        Span(start: Int32(start), end: Int32(end), sourceStart: Int32(sourceStart), sourceEnd: Int32(sourceEnd),
             hash: ByteKeyTable.hash(UnsafeBufferPointer(start: out + start, count: end - start)), isNumber: kind == 2)
    }
}
