import Foundation

/// Tells ar, fa, ur, ps, sd, ug, ckb, en, fr and he apart (else "other"), with a probability.
///
/// The script decides first: Hebrew letters at 15% of the letters are Hebrew; Arabic-script letters at a quarter or more
/// (news and software quote Latin names) go to the Arabic-script model, a Latin majority to the Latin-script model;
/// any other script is "other". The model (`LanguageModel`, naive Bayes over character n-grams and whole words) then
/// ranks the script's languages, with what the letters alone prove (ARABIC-NOTES.md): Pashto, Sindhi, Uyghur and
/// Sorani each need one of their own letters, and Urdu's letters (ٹ ڈ ڑ ں ے) at 2% of the text's add to Urdu.
/// The score is the winning label's probability: a softmax of the classes' scores, scaled by `temperature` over the
/// square root of the n-grams read (fitted on sentences of the training data; `make bench` prints its calibration).
/// Reads at most the first `maxLetters` letters of the title and text.
public struct LanguageIdentifier: Sendable {
    static let arabic = load(LanguageModel.arabicData)
    static let latin = load(LanguageModel.latinData)
    /// Letters read: language does not change within an article, and the cost stays fixed.
    static let maxLetters = 100

    /// The letters one Arabic-script language has and the others in the model do not (a class without one of its
    /// letters is not chosen).
    static let ownLetters: [String: Set<UInt32>] = [
        "ps": letters("ټډړږښګڼۍځڅې"), "sd": letters("ڄٻڀٺٽٿڃڇڊڌڍڏڙڦڪڱڳڻ"),
        "ug": letters("ېۈۇۆۋەھڭئى"), "ckb": letters("ڕڵێۆەھ"),
    ]
    static let urduLetters = letters("ٹڈڑںےۓ")
    /// Persian and Urdu text without any of these letters costs those classes `missingLettersPenalty` (not a gate:
    /// Persian is also typed with Arabic ي and ك).
    static let usualLetters: [String: Set<UInt32>] = ["fa": letters("پچژگکی"), "ur": letters("ٹڈڑںےۓہھکیگپچ")]
    static let missingLettersPenalty = 4.0
    static let urduBonus = 5.0

    /// Fitted by `tools/train_language_model.py` (log loss on generated sentences of the training words).
    static let temperature = (arabic: 2.0, latin: 2.0)

    public init() {}

    private static func load(_ base64: String) -> LanguageModel? { try? LanguageModel(base64: base64) }

    private static func letters(_ s: String) -> Set<UInt32> { Set(s.unicodeScalars.map(\.value)) }

    enum Script { case arabic, latin, hebrew, other }

    static func script(_ cp: UInt32) -> Script {
        switch cp {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return .latin
        case 0x0590...0x05FF, 0xFB1D...0xFB4F: return .hebrew
        default: return .other
        }
    }

    /// Whether each BMP code point is a letter or a mark (what words are made of), read once from Unicode's
    /// general categories.
    static let wordScalars: [Bool] = (0..<0x10000).map { v in
        guard let s = Unicode.Scalar(UInt32(v)) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark:
            return true
        default: return false
        }
    }

    /// The words the model reads: flat code points (ASCII and Latin-1 capitals lowercased), where each word starts,
    /// and each word's script (`.other` for a word of mixed scripts).
    struct Words {
        var letters: [UInt32] = []
        var starts: [Int] = [0]
        var scripts: [Script] = []
        var counts = (arabic: 0, latin: 0, hebrew: 0, other: 0)
    }

    static func words(_ texts: [String], limit: Int) -> Words {
        var w = Words()
        w.letters.reserveCapacity(limit + 64)
        var wordScript: Script?
        func close() {
            guard w.letters.count > w.starts[w.starts.count - 1] else { return }
            w.starts.append(w.letters.count)
            w.scripts.append(wordScript ?? .other)
            wordScript = nil
        }
        outer: for text in texts {
            for scalar in text.unicodeScalars {
                var cp = scalar.value
                let isWord = cp < 0x10000 ? wordScalars[Int(cp)] : false
                guard isWord else {
                    close()
                    if w.letters.count >= limit { break outer }
                    continue
                }
                if (0x41...0x5A).contains(cp) || ((0xC0...0xDE).contains(cp) && cp != 0xD7) { cp += 0x20 }
                let script = Self.script(cp)
                switch script {
                case .arabic: w.counts.arabic += 1
                case .latin: w.counts.latin += 1
                case .hebrew: w.counts.hebrew += 1
                case .other: w.counts.other += 1
                }
                if wordScript == nil && w.letters.count == w.starts[w.starts.count - 1] {
                    wordScript = script
                } else if wordScript != script {
                    wordScript = .other
                }
                w.letters.append(cp)
            }
            close()
            if w.letters.count >= limit { break }
        }
        return w
    }

    /// The language code and its probability.
    public func identify(_ text: String) -> (language: String, score: Double) { identify(title: nil, text: text) }

    /// The language of an article from its title and text.
    public func identify(title: String?, text: String) -> (language: String, score: Double) {
        let words = Self.words((title.map { [$0] } ?? []) + [text], limit: Self.maxLetters)
        let counts = words.counts
        let total = counts.arabic + counts.latin + counts.hebrew + counts.other
        guard total > 0 else { return ("other", 0) }
        let share = { (n: Int) in Double(n) / Double(total) }
        if counts.hebrew * 100 >= total * 15 && counts.hebrew >= counts.arabic { return ("he", share(counts.hebrew)) }
        if counts.arabic * 4 >= total, let model = Self.arabic {
            return rank(words, model, .arabic)
        }
        if counts.latin * 2 > total, let model = Self.latin {
            return rank(words, model, .latin)
        }
        return ("other", 1 - max(share(counts.arabic), share(counts.latin), share(counts.hebrew)))
    }

    private func rank(_ words: Words, _ model: LanguageModel, _ script: Script) -> (language: String, score: Double) {
        var (scores, known) = model.scores(letters: words.letters, starts: words.starts) { words.scripts[$0] == script }
        if script == .arabic {
            var urdu = 0, letters = 0
            var has: Set<String> = []
            for w in words.scripts.indices where words.scripts[w] == .arabic {
                for i in words.starts[w]..<words.starts[w + 1] {
                    let cp = words.letters[i]
                    letters += 1
                    if Self.urduLetters.contains(cp) { urdu += 1 }
                    if cp >= 0x0626 {  // every letter of ownLetters and usualLetters is at U+0626 (ئ) or above
                        for (code, own) in Self.ownLetters where own.contains(cp) { has.insert(code) }
                        for (code, usual) in Self.usualLetters where usual.contains(cp) { has.insert(code) }
                    }
                }
            }
            for (c, cls) in model.classes.enumerated() {
                if Self.ownLetters[cls.code] != nil && !has.contains(cls.code) { scores[c] = -.infinity }
                if Self.usualLetters[cls.code] != nil && !has.contains(cls.code) { scores[c] -= Self.missingLettersPenalty }
                if cls.code == "ur" && urdu > 0 && Double(urdu) >= 0.02 * Double(letters) {
                    scores[c] += Self.urduBonus
                }
            }
        }
        guard let top = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[top].isFinite else {
            return (script == .arabic ? "ar" : "other", 0)
        }
        let t =
            (script == .arabic ? Self.temperature.arabic : Self.temperature.latin) / Double(max(known, 1)).squareRoot()
        var byLabel: [String: Double] = [:]
        var sum = 0.0
        for (c, cls) in model.classes.enumerated() where scores[c].isFinite {
            let p = exp((scores[c] - scores[top]) * t)
            byLabel[cls.label, default: 0] += p
            sum += p
        }
        let label = model.classes[top].label
        return (label, (byLabel[label] ?? 0) / sum)
    }
}
