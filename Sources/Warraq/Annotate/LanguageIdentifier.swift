/// Tells Arabic, Persian, Urdu and English apart (else "other"), with a score in 0...1.
///
/// Decides by script first (Arabic script or Latin), then, within the Arabic script, by stopwords and
/// the letters only one language uses (ARABIC-NOTES.md): Arabic news writes پ چ گ in foreign names, so
/// one letter never decides alone. Works on UTF-8 bytes and looks at the first 4 KiB of a text
/// (some 400 words: the language of a news article is plain by then).
public struct LanguageIdentifier: Sendable {
    static let languages = ["ar", "fa", "ur", "en"]
    static let stopwords: [[String]] = [
        ["في", "من", "على", "إلى", "الى", "عام", "أن", "ان", "مع", "أو", "هو", "عن", "التي", "الذي", "كان", "بين", "ما",
         "كانت", "هي", "بعد", "قد", "لا", "هذا", "هذه", "وقال", "وفي", "كما", "إن", "ذلك", "حيث", "منذ", "خلال", "لم", "عند"],
        ["در", "و", "به", "از", "که", "است", "این", "را", "با", "یک", "برای", "آن", "می", "شد", "های", "هم", "تا", "کرد",
         "بود", "نیز", "شده", "خود", "اما", "شود", "دارد", "باید"],
        ["کے", "میں", "کی", "اور", "ہے", "سے", "کا", "نے", "کو", "یہ", "پر", "ہیں", "کہ", "بھی", "تھا", "گیا", "ایک",
         "لیے", "وہ", "کر", "تھی", "ہو", "جو", "نہیں"],
        ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "it", "by", "at",
         "from", "he", "said", "be", "this", "have", "are", "has", "an", "were", "which", "not", "but", "his"],
    ]
    /// Stopwords, and the bit mask of the languages that list each.
    private let table: ByteKeyTable
    private let masks: [UInt8]
    /// Bytes in the longest stopword: a longer token is none.
    private let longestStopword: Int
    static let sampleBytes = 4096

    public init() {
        var t = ByteKeyTable(capacity: 128)
        var masks: [UInt8] = []
        for (l, words) in Self.stopwords.enumerated() {
            for w in words {
                let (i, inserted) = t.insert(Array(w.utf8))
                if inserted { masks.append(0) }
                masks[i] |= 1 << l
            }
        }
        table = t
        self.masks = masks
        longestStopword = Self.stopwords.joined().map(\.utf8.count).max() ?? 0
        precondition(longestStopword <= 16, "stopwords are compared in a 16-byte buffer")
    }

    /// The language code and its score.
    public func identify(_ text: String) -> (language: String, score: Double) {
        var text = text
        return text.withUTF8 { identify(bytes: UnsafeBufferPointer(rebasing: $0.prefix(Self.sampleBytes))) }
    }

    /// The language of an article: its title, a line break, and its text (the first 4 KiB of them).
    public func identify(title: String?, text: String) -> (language: String, score: Double) {
        guard var title else { return identify(text) }
        var text = text
        var sample: [UInt8] = []
        sample.reserveCapacity(Self.sampleBytes + 1)
        title.withUTF8 { sample.append(contentsOf: $0.prefix(Self.sampleBytes)) }
        sample.append(0x0A)
        text.withUTF8 { sample.append(contentsOf: $0.prefix(max(0, Self.sampleBytes - sample.count))) }
        return sample.withUnsafeBufferPointer { identify(bytes: UnsafeBufferPointer(rebasing: $0.prefix(Self.sampleBytes))) }
    }

    /// What each two-byte sequence D8 80 … DB BF is, for `identify`.
    private enum Script: Int { case none, arabicScript, shared, persianOnly, urdu, arabicOnly }
    private static let scriptTable: [UInt8] = (0..<256).map { i in
        let v = UInt32(0x600 + i)
        let script: Script
        switch v {
        case 0x067E, 0x0686, 0x06AF, 0x06A9, 0x06CC: script = .shared
        case 0x0698: script = .persianOnly
        case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2: script = .urdu
        case 0x0643, 0x064A, 0x0649, 0x0629: script = .arabicOnly
        case 0x0620...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF: script = .arabicScript
        default: script = .none
        }
        return UInt8(script.rawValue)
    }

    func identify(bytes: UnsafeBufferPointer<UInt8>) -> (language: String, score: Double) {
        var latin = 0, otherLetters = 0, zwnj = 0
        // Letters Persian and Urdu share (پ چ گ ک ی) tell them from Arabic, not from each other; only
        // Urdu-only letters (ٹ ڈ ڑ ں ھ ہ ے) and Persian-only signs (ژ, ZWNJ) tell them apart.
        var scripts = [Int](repeating: 0, count: 6)
        var hits = (0, 0, 0, 0)
        var tokens = 0
        var tokenStart = -1
        let n = bytes.count
        let table = Self.scriptTable
        func endToken(_ end: Int) {
            tokens += 1
            let mask = stopwordMask(bytes, tokenStart, end)
            if mask != 0 {
                if mask & 1 != 0 { hits.0 += 1 }
                if mask & 2 != 0 { hits.1 += 1 }
                if mask & 4 != 0 { hits.2 += 1 }
                if mask & 8 != 0 { hits.3 += 1 }
            }
            tokenStart = -1
        }
        scripts.withUnsafeMutableBufferPointer { scripts in
            var i = 0
            while i < n {
                let b = bytes[i]
                if b >= 0xD8 && b <= 0xDB && i + 1 < n {
                    if tokenStart < 0 { tokenStart = i }
                    scripts[Int(table[Int(b - 0xD8) << 6 | Int(bytes[i + 1] & 0x3F)])] &+= 1
                    i += 2
                    continue
                }
                if b == 0x20 || b == 0x0A || b == 0x09 {
                    if tokenStart >= 0 { endToken(i) }
                    i += 1
                    continue
                }
                if tokenStart < 0 { tokenStart = i }
                if b < 0x80 {
                    if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { latin += 1 }
                } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x8C {
                    // ZWNJ (E2 80 8C) joins Persian word parts («می‌دهد»).
                    zwnj += 1
                    i += 3
                    continue
                } else if b >= 0xC4 {
                    // Other scripts: a letter per non-continuation byte of a sequence at or above U+0100.
                    otherLetters += 1
                }
                i += 1
            }
        }
        if tokenStart >= 0 { endToken(n) }
        let arabicScript = scripts[1...].reduce(0, +)
        let sharedLetters = scripts[Script.shared.rawValue], urduLetters = scripts[Script.urdu.rawValue]
        let arabicLetters = scripts[Script.arabicOnly.rawValue]
        // ZWNJ counts as Persian evidence, not as a letter.
        let persianOnly = scripts[Script.persianOnly.rawValue] + zwnj
        let letters = latin + otherLetters + arabicScript
        guard letters > 0 else { return ("other", 0) }
        let latinShare = Double(latin) / Double(letters), arabicShare = Double(arabicScript) / Double(letters)
        if latinShare > 0.5 {
            let english = hits.3
            let share = Double(english) / Double(max(tokens, 1))
            if share >= 0.05 || (tokens < 6 && english > 0) { return ("en", min(1, latinShare * min(1, share * 4 + 0.3))) }
            return ("other", 1 - latinShare * 0.5)
        }
        guard arabicShare > 0.5 else { return ("other", 1 - max(latinShare, arabicShare)) }
        // Evidence per language: stopwords, plus letters only that language uses (per 100 letters).
        let per100 = 100.0 / Double(arabicScript)
        let shared = Double(sharedLetters) * per100 * 0.3
        let evidence = [
            Double(hits.0) + Double(arabicLetters) * per100 * 0.05,
            Double(hits.1) + shared + Double(persianOnly) * per100 * 0.6,
            Double(hits.2) + shared + Double(urduLetters) * per100 * 0.6,
        ]
        let total = evidence.reduce(0, +)
        guard total > 0 else { return ("ar", arabicShare * 0.5) }
        var best = 0
        for l in 1..<3 where evidence[l] > evidence[best] { best = l }
        return (Self.languages[best], arabicShare * evidence[best] / total)
    }

    /// The languages whose stopword the token `bytes[start..<end]` is (punctuation at its ends left out;
    /// Latin letters compared in lowercase).
    private func stopwordMask(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
        // Most words are longer than any stopword with a few marks of punctuation around it.
        guard end - start <= longestStopword + 8 else { return 0 }
        var s = start, e = end
        while s < e, Self.isPunctuationByte(bytes[s]) { s += 1 }
        while e > s, Self.isPunctuationByte(bytes[e - 1]) { e -= 1 }
        // Arabic punctuation (، ؛ ؟ « ») at the ends: two-byte sequences.
        while e - s >= 2, Self.isArabicPunctuation(bytes[e - 2], bytes[e - 1]) { e -= 2 }
        while e - s >= 2, Self.isArabicPunctuation(bytes[s], bytes[s + 1]) { s += 2 }
        guard e > s, e - s <= longestStopword else { return 0 }
        if bytes[s] >= 0x80 {
            return table.index(of: UnsafeBufferPointer(rebasing: bytes[s..<e])).map { masks[$0] } ?? 0
        }
        var lower: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &lower) { buffer in
            for k in s..<e { let b = bytes[k]; buffer[k - s] = b >= 0x41 && b <= 0x5A ? b + 32 : b }
            let token = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: e - s)
            return table.index(of: token).map { masks[$0] } ?? 0
        }
    }

    @inline(__always)
    static func isPunctuationByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x21, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x2D, 0x2E, 0x3A, 0x3B, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D: return true
        default: return false
        }
    }

    /// ، ؛ ؟ (D8 8C, D8 9B, D8 9F), ۔ (DB 94) and « » (C2 AB, C2 BB).
    @inline(__always)
    static func isArabicPunctuation(_ a: UInt8, _ b: UInt8) -> Bool {
        (a == 0xD8 && (b == 0x8C || b == 0x9B || b == 0x9F)) || (a == 0xDB && b == 0x94) || (a == 0xC2 && (b == 0xAB || b == 0xBB))
    }
}

#if canImport(Glibc)
import Glibc
#endif
