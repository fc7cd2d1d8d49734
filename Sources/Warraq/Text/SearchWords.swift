import Parquet

/// One pass over an article's title and text that every annotator reads. It finds the words (runs of
/// letters, and runs of digits with `/` and `-` inside) and normalizes each with the search steps
/// (`NormalizationStep.searchDefault`) as it copies it, so the gazetteer, dates, keywords, quality rules
/// and language identifier look words up without allocating; it counts the text's characters, words,
/// sentences and letters by script; and it can write the whole text's search form (`text_normalized`).
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

    /// Counts over a text: what `word_count` and its neighbours hold.
    struct Counts {
        /// Unicode scalars.
        var chars = 0
        /// Tokens between white space that hold a letter.
        var words = 0
        /// Runs ended by . (before a space) ! ? ؟ ۔ or a line break, that hold a letter.
        var sentences = 0
        /// Letters in words, and how many of them are Arabic (U+0621–U+064A).
        var letters = 0
        var arabicLetters = 0
        /// Bytes of the text's search form.
        var normalizedBytes = 0
    }

    /// Letters by script over the title and the text, for the language identifier.
    struct Scripts {
        /// ASCII letters, and letters of scripts other than Latin and Arabic.
        var latin = 0, otherLetters = 0
        /// Letters of the Arabic script, and among them: letters Persian and Urdu share (پ چ گ ک ی), letters
        /// only Persian uses (ژ), only Urdu (ٹ ڈ ڑ ں ھ ہ ے), and letters Arabic uses and they do not (ك ي ى ة).
        var arabicScript = 0, shared = 0, persianOnly = 0, urduOnly = 0, arabicOnly = 0
        /// Zero-width non-joiners (Persian writes them inside words).
        var zwnj = 0
    }

    /// The normalized words back to back.
    private(set) var bytes: [UInt8] = []
    private(set) var spans: [Span] = []
    /// Words `0..<titleWords` come from the title, the rest from the text.
    private(set) var titleWords = 0
    /// Counts over the text (not the title).
    private(set) var counts = Counts()
    /// Letters by script over the title and the text.
    private(set) var scripts = Scripts()
    /// The whole text in its search form, when asked for: `text_normalized` under the default steps.
    private(set) var normalizedText: String?

    var count: Int { spans.count }

    /// The words of `title` (if any), then of `text`; with `normalizing`, also the text in its search form
    /// (`normalizedText`), written in the same pass.
    init(title: String?, text: String, normalizing: Bool = false) {
        var title = title ?? "", text = text
        // Safety: `scan` writes at most as many bytes as it reads (each character's search form is no longer than
        // the character: 1 for ASCII and digits, at most 2 for a two-byte letter, `width` for the rest), so `out`
        // never gets more than the title's and the text's bytes, nor `normalized` more than the text's. The spans it
        // records lie within what it wrote, which `word(_:in:)` checks.
        let capacity = title.utf8.count + text.utf8.count
        var spans: [Span] = []
        spans.reserveCapacity(capacity / 8)
        var titleWords = 0
        var counts = Counts()
        var scripts = Scripts()
        var normalizedText: String?
        bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            var o = 0
            title.withUTF8 {
                _ = Self.scan($0, into: out.baseAddress!, at: &o, spans: &spans, scripts: &scripts, normalized: nil)
            }
            titleWords = spans.count
            if normalizing {
                let whole = [UInt8](unsafeUninitializedCapacity: text.utf8.count) { whole, written in
                    text.withUTF8 {
                        counts = Self.scan(
                            $0, into: out.baseAddress!, at: &o, spans: &spans, scripts: &scripts,
                            normalized: whole.baseAddress)
                    }
                    written = counts.normalizedBytes
                }
                // Valid UTF-8: `scan` writes whole scalars only: a character of the text as it is, an ASCII letter
                // lowercased or a digit, or a search form from `table` (its two bytes, checked when the table is made,
                // are the whole UTF-8 of what the normalizer gave).
                normalizedText = String(validUTF8: whole.span)
            } else {
                text.withUTF8 {
                    counts = Self.scan(
                        $0, into: out.baseAddress!, at: &o, spans: &spans, scripts: &scripts, normalized: nil)
                }
            }
            count = o
        }
        self.spans = spans
        self.titleWords = titleWords
        self.counts = counts
        self.scripts = scripts
        self.normalizedText = normalizedText
    }

    /// The normalized bytes of word `i` within `all` (from `bytes.withUnsafeBufferPointer`).
    @inline(__always)
    func word(_ i: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(spans[i].start), end = Int(spans[i].end)
        precondition(start >= 0 && start <= end && end <= all.count, "a word span outside the search bytes")
        return UnsafeBufferPointer(rebasing: all[start..<end])
    }

    /// What a two-byte sequence led by D8–DB is in the search form.
    private enum Kind: UInt8 { case other, arabicLetter, letter, digit, dropped }
    private struct Entry {
        var kind: Kind
        var b0: UInt8
        var b1: UInt8
        /// The script class of the character as written, for `Scripts`.
        var script: Script
    }
    private enum Script: UInt8 { case none, arabicScript, shared, persianOnly, urduOnly, arabicOnly }

    /// The script class of U+0600–U+06FF.
    private static func script(_ v: UInt32) -> Script {
        switch v {
        case 0x067E, 0x0686, 0x06AF, 0x06A9, 0x06CC: return .shared
        case 0x0698: return .persianOnly
        case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2: return .urduOnly
        case 0x0643, 0x064A, 0x0649, 0x0629: return .arabicOnly
        case 0x0620...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF: return .arabicScript
        default: return .none
        }
    }

    @inline(__always)
    private static func count(_ script: Script, in s: inout Scripts) {
        guard script != .none else { return }
        s.arabicScript &+= 1
        switch script {
        case .shared: s.shared &+= 1
        case .persianOnly: s.persianOnly &+= 1
        case .urduOnly: s.urduOnly &+= 1
        case .arabicOnly: s.arabicOnly &+= 1
        case .none, .arabicScript: break
        }
    }

    /// The 4 × 64 sequences D8 80 … DB BF, worked out once with the search normalizer itself.
    private static let table: [Entry] = {
        let normalizer = Normalizer.search
        var t: [Entry] = []
        for v in UInt32(0x600)...0x6FF {
            let out = Array(normalizer.normalize(String(Unicode.Scalar(v)!)).utf8)
            let script = Self.script(v)
            if out.isEmpty { t.append(Entry(kind: .dropped, b0: 0, b1: 0, script: script)); continue }
            if out.count == 1 && out[0] >= 0x30 && out[0] <= 0x39 {
                t.append(Entry(kind: .digit, b0: out[0], b1: 0, script: script)); continue
            }
            let s = String(decoding: out, as: UTF8.self).unicodeScalars.first!
            let kind: Kind =
                s.value >= 0x0621 && s.value <= 0x064A ? .arabicLetter : Letters.isLetter(s) ? .letter : .other
            // `scan` writes a letter's form as the two bytes `b0 b1`: the normalizer's whole output must be two bytes.
            precondition(
                kind == .other || out.count == 2, "the search form of U+\(String(v, radix: 16)) is not 2 bytes")
            t.append(Entry(kind: kind, b0: out[0], b1: out.count > 1 ? out[1] : 0, script: script))
        }
        return t
    }()

    /// Finds the words of `b`, writes their search form at `out + o`, appends their spans, and counts; writes
    /// the whole of `b` in its search form at `normalized`, if given.
    private static func scan(
        _ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, at o: inout Int,
        spans: inout [Span], scripts: inout Scripts, normalized: UnsafeMutablePointer<UInt8>?
    ) -> Counts {
        var w = 0  // bytes written at `normalized`
        var start = -1, sourceStart = 0, kind = 0  // the word being read: 1 letters, 2 digits
        var counts = Counts()
        // Whitespace tokens and sentences, for the counts.
        var inToken = false, tokenHasLetter = false, sentenceHasLetter = false
        var previous: UInt8 = 0x20
        var i = 0
        let n = b.count
        let table = Self.table
        while i < n {
            if kind == 1 {
                // Inside a word, most letters are Arabic letters the search form keeps or maps one to one.
                while i + 1 < n {
                    let c = b[i]
                    guard c >= 0xD8 && c <= 0xDB else { break }
                    let e = table[Int(c - 0xD8) << 6 | Int(b[i + 1] & 0x3F)]
                    guard e.kind == .arabicLetter else { break }
                    scripts.arabicScript &+= 1
                    scripts.arabicOnly &+= e.script == .arabicOnly ? 1 : 0
                    out[o] = e.b0; out[o + 1] = e.b1
                    if let normalized { normalized[w] = e.b0; normalized[w + 1] = e.b1; w += 2 }
                    o += 2; i += 2
                    counts.chars &+= 1; counts.letters &+= 1; counts.arabicLetters &+= 1
                    previous = c
                }
                if i >= n { break }
            }
            let c = b[i]
            let isSpace = c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
            counts.chars &+= 1
            var cls = 0, width = 1, length = 0
            var isLetter = false
            var b0: UInt8 = 0, b1: UInt8 = 0
            if c < 0x80 {
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
                    cls = 1; b0 = c | 0x20; length = 1; counts.letters += 1; isLetter = true; scripts.latin &+= 1
                } else if c >= 0x30 && c <= 0x39 {
                    cls = 2; b0 = c; length = 1
                } else if (c == 0x2F || c == 0x2D) && kind == 2 && i + 1 < n && Self.digitAt(b, i + 1) {
                    cls = 2; b0 = c; length = 1
                } else if isSpace {
                    if inToken && tokenHasLetter { counts.words += 1 }
                    inToken = false; tokenHasLetter = false
                    if sentenceHasLetter && (c != 0x20 || previous == 0x2E) {
                        counts.sentences += 1; sentenceHasLetter = false
                    }
                } else if c == 0x21 || c == 0x3F {  // ! ?
                    if sentenceHasLetter { counts.sentences += 1; sentenceHasLetter = false }
                }
            } else if c >= 0xD8 && c <= 0xDB && i + 1 < n {
                width = 2
                let e = table[Int(c - 0xD8) << 6 | Int(b[i + 1] & 0x3F)]
                Self.count(e.script, in: &scripts)
                // Tests in order of frequency (a switch compiles to a jump the CPU mispredicts).
                if e.kind == .arabicLetter {
                    cls = 1; b0 = e.b0; b1 = e.b1; length = 2; counts.letters &+= 1; counts.arabicLetters &+= 1;
                    isLetter = true
                } else if e.kind == .letter {
                    cls = 1; b0 = e.b0; b1 = e.b1; length = 2; counts.letters &+= 1; isLetter = true
                } else if e.kind == .digit {
                    cls = 2; b0 = e.b0; length = 1
                } else if e.kind == .dropped {
                    // Diacritics and tatweel: inside a word they neither end it nor show; they are letters
                    // for the counts (Unicode calls them alphabetic).
                    inToken = true; tokenHasLetter = true; sentenceHasLetter = true
                    previous = c
                    i += 2
                    continue
                } else if (c == 0xD8 && b[i + 1] == 0x9F) || (c == 0xDB && b[i + 1] == 0x94) {
                    // ؟ and ۔ end a sentence.
                    if sentenceHasLetter { counts.sentences += 1; sentenceHasLetter = false }
                }
            } else {
                width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                if i + width > n { break }
                var v = UInt32(c) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<width { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                if Letters.isLetter(value: v) {
                    cls = 1; length = width; counts.letters += 1; isLetter = true; scripts.otherLetters &+= 1
                } else if v == 0x200C {
                    scripts.zwnj &+= 1
                }
            }
            if !isSpace {
                inToken = true
                if isLetter { tokenHasLetter = true; sentenceHasLetter = true }
            }
            if cls != kind {
                if start >= 0 { spans.append(span(out, start, o, sourceStart, i, kind)) }
                start = -1
                kind = cls
                if cls != 0 { start = o; sourceStart = i }
            }
            if length == 1 {
                out[o] = b0
            } else if length == 2 && c >= 0xD8 && c <= 0xDB {
                out[o] = b0; out[o + 1] = b1
            } else if length > 0 {
                for k in 0..<length { out[o + k] = b[i + k] }
            }
            o += length
            if let normalized {
                // The search form of the whole text: what the word got, else the character as it is.
                if length > 0 {
                    (normalized + w).update(from: out + o - length, count: length); w += length
                } else {
                    for k in 0..<width { normalized[w + k] = b[i + k] }; w += width
                }
            }
            previous = c
            i += width
        }
        if start >= 0 { spans.append(span(out, start, o, sourceStart, n, kind)) }
        if inToken && tokenHasLetter { counts.words += 1 }
        if sentenceHasLetter { counts.sentences += 1 }
        counts.normalizedBytes = w
        return counts
    }

    /// Whether a digit (ASCII, Arabic-Indic or Eastern Arabic-Indic) starts at `b[i]`.
    @inline(__always)
    private static func digitAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if c >= 0x30 && c <= 0x39 { return true }
        guard i + 1 < b.count else { return false }
        let d = b[i + 1]
        return (c == 0xD9 && d >= 0xA0 && d <= 0xA9) || (c == 0xDB && d >= 0xB0 && d <= 0xB9)
    }

    @inline(__always)
    private static func span(
        _ out: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ sourceStart: Int, _ sourceEnd: Int, _ kind: Int
    ) -> Span {
        Span(
            start: Int32(start), end: Int32(end), sourceStart: Int32(sourceStart), sourceEnd: Int32(sourceEnd),
            hash: ByteKeyTable.hash(UnsafeBufferPointer(start: out + start, count: end - start)), isNumber: kind == 2)
    }
}
