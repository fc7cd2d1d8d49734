/// Counts over cleaned text: characters (Unicode scalars), words (whitespace tokens with a letter),
/// sentences (ended by . ! ? ؟ ۔ or a line break, holding a letter) and paragraphs.
public enum TextStatistics {
    public static func counts(paragraphs: [String]) -> (chars: Int, words: Int, sentences: Int) {
        var chars = 0, words = 0, sentences = 0
        for (p, paragraph) in paragraphs.enumerated() {
            if p > 0 { chars += 2 }  // the "\n\n" between paragraphs
            var paragraph = paragraph
            paragraph.withUTF8 { b in
                var inWord = false, wordHasLetter = false, sentenceHasLetter = false
                var previous: UInt8 = 0x20
                var i = 0
                let n = b.count
                while i < n {
                    let c = b[i]
                    chars += 1
                    var letter = false
                    var width = 1
                    if c < 0x80 {
                        letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                    } else {
                        width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                        if i + width > n { break }
                        var v = UInt32(c) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                        for k in 1..<width { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                        letter = isLetter(value: v)
                        // A sentence ends at ؟ (U+061F) and ۔ (U+06D4).
                        if v == 0x061F || v == 0x06D4 {
                            if sentenceHasLetter { sentences += 1; sentenceHasLetter = false }
                        }
                    }
                    if c == 0x20 {
                        if inWord && wordHasLetter { words += 1 }
                        inWord = false; wordHasLetter = false
                        // "." ends a sentence before a space (not inside "3.5" or "..." runs).
                        if previous == 0x2E && sentenceHasLetter { sentences += 1; sentenceHasLetter = false }
                    } else {
                        inWord = true
                        if letter { wordHasLetter = true }
                    }
                    if letter { sentenceHasLetter = true }
                    if c == 0x21 || c == 0x3F {  // ! ?
                        if sentenceHasLetter { sentences += 1; sentenceHasLetter = false }
                    }
                    previous = c
                    i += width
                }
                if inWord && wordHasLetter { words += 1 }
                if sentenceHasLetter { sentences += 1 }
            }
        }
        return (chars, words, sentences)
    }

    /// Letters: what Unicode calls alphabetic (Arabic marks included).
    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool { isLetter(value: c.value) }

    @inline(__always)
    static func isLetter(value v: UInt32) -> Bool {
        if v < 0x800 { return letterBits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    /// `isAlphabetic` for U+0000–U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac, Thaana), one bit each.
    private static let letterBits: [UInt64] = (0..<32).map { word in
        var bits: UInt64 = 0
        for bit in 0..<64 where Unicode.Scalar(UInt32(word * 64 + bit))?.properties.isAlphabetic == true { bits |= 1 << UInt64(bit) }
        return bits
    }
}
