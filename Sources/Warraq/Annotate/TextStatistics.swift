/// Counts over cleaned text: characters (Unicode scalars), words (whitespace tokens with a letter),
/// sentences (ended by . ! ? ؟ ۔ or a line break, holding a letter) and paragraphs.
public enum TextStatistics {
    public static func counts(paragraphs: [String]) -> (chars: Int, words: Int, sentences: Int) {
        var chars = 0, words = 0, sentences = 0
        for (p, paragraph) in paragraphs.enumerated() {
            if p > 0 { chars += 2 }  // the "\n\n" between paragraphs
            var inWord = false, wordHasLetter = false, sentenceHasLetter = false
            var previous: Unicode.Scalar = " "
            for c in paragraph.unicodeScalars {
                chars += 1
                let isSpace = c == " "
                let letter = isLetter(c)
                if isSpace {
                    if inWord && wordHasLetter { words += 1 }
                    inWord = false; wordHasLetter = false
                } else {
                    inWord = true
                    if letter { wordHasLetter = true }
                }
                if letter { sentenceHasLetter = true }
                // A sentence ends at ! ? ؟ ۔ and at "." before a space (not inside "3.5" or "..." runs).
                if c == "!" || c == "?" || c == "\u{061F}" || c == "\u{06D4}" {
                    if sentenceHasLetter { sentences += 1; sentenceHasLetter = false }
                } else if isSpace && previous == "." {
                    if sentenceHasLetter { sentences += 1; sentenceHasLetter = false }
                }
                previous = c
            }
            if inWord && wordHasLetter { words += 1 }
            if sentenceHasLetter { sentences += 1 }
        }
        return (chars, words, sentences)
    }

    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        if v >= 0x0621 && v <= 0x064A { return true }
        return c.properties.isAlphabetic
    }
}
