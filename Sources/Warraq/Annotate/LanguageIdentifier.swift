import Foundation

/// Tells ar, fa, ur, ps, sd, ug, ckb, en, fr and he apart (else "other"), with a probability.
///
/// The script decides first: Hebrew letters at 15% of the letters are Hebrew; Arabic-script letters at a quarter or
/// more (news and software quote Latin names) go to the Arabic-script model, a Latin majority (other scripts under a
/// quarter) to the Latin model; any other script is "other". The model (`LanguageModel`, naive Bayes over character
/// n-grams and whole words) then ranks the script's languages, with what the letters alone prove (ARABIC-NOTES.md):
/// Pashto, Sindhi, Uyghur and Sorani each need one of their own letters, Persian and Urdu without any of their usual
/// letters pay `missingLettersPenalty`, and Urdu's letters (ٹ ڈ ڑ ں ے) at 2% of the text's add to Urdu.
///
/// The score (`language_score`) is the winning label's probability: a softmax of the classes' scores, scaled by
/// `temperature` over the square root of the n-grams read, summed over the classes of the label (`make bench` prints
/// its calibration: sentences scored 0.8 are right about 80% of the time). "other" from the script alone scores one
/// minus the largest share of letters of a script the models know. Reads the title and text word by word, at most
/// `maxLetters` letters, and stops once the winner's probability reaches `stopScore`: most articles are decided by
/// their first few words.
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
        // Latin names and code words quoted in another script's text ("IPv4 или IPv6") do not make it Latin.
        if counts.latin * 2 > total && counts.other * 4 < total, let model = Self.latin {
            return rank(words, model, .latin)
        }
        return ("other", 1 - max(share(counts.arabic), share(counts.latin), share(counts.hebrew)))
    }

    /// What the letters of one model's classes prove, as flat tables (the sets above, for the Arabic-script model).
    struct Gates: Sendable {
        /// For each code point U+0600...U+06FF: a bit for each class whose own or usual letter it is, and bit 63 for
        /// Urdu's letters.
        var byLetter = [UInt64](repeating: 0, count: 256)
        /// The classes that need one of their own letters, and those that pay without one of their usual letters.
        var needOwn: UInt64 = 0
        var needUsual: UInt64 = 0
        var urdu: Int?

        init(_ model: LanguageModel) {
            precondition(model.classes.count < 63, "a class's bit must not reach the Urdu bit")
            for (c, cls) in model.classes.enumerated() {
                let bit = UInt64(1) << c
                if let own = LanguageIdentifier.ownLetters[cls.code] {
                    needOwn |= bit
                    for cp in own { byLetter[Int(cp) - 0x0600] |= bit }
                }
                if let usual = LanguageIdentifier.usualLetters[cls.code] {
                    needUsual |= bit
                    for cp in usual { byLetter[Int(cp) - 0x0600] |= bit }
                }
                if cls.code == "ur" { urdu = c }
            }
            for cp in LanguageIdentifier.urduLetters { byLetter[Int(cp) - 0x0600] |= 1 << 63 }
        }
    }

    static let arabicGates = arabic.map(Gates.init)

    /// What the letters read so far hold: the classes (bits) one of whose letters appeared, the letters and Urdu's.
    struct Letters {
        var classes: UInt64 = 0
        var count = 0
        var urdu = 0

        mutating func read(_ letters: ArraySlice<UInt32>, _ gates: Gates) {
            count += letters.count
            for cp in letters where cp >= 0x0600 && cp < 0x0700 {
                let bits = gates.byLetter[Int(cp) - 0x0600]
                classes |= bits
                if bits >> 63 != 0 { urdu += 1 }
            }
        }
    }

    /// Identification stops reading once the winner's probability is this high (and `minimumKnownToStop` n-grams were
    /// known): more text would not change the answer, and the cost of an article stays small.
    static let stopScore = 0.9999
    static let minimumKnownToStop = 60

    private func rank(_ words: Words, _ model: LanguageModel, _ script: Script) -> (language: String, score: Double) {
        let gates = script == .arabic ? Self.arabicGates : nil
        var tally = model.tally()
        var letters = Letters()
        for w in words.scripts.indices where words.scripts[w] == script {
            let word = words.starts[w]..<words.starts[w + 1]
            model.add(word: word, of: words.letters, to: &tally)
            if let gates { letters.read(words.letters[word], gates) }
            if tally.known >= Self.minimumKnownToStop {
                let decision = decide(model, tally, letters, gates, script)
                if decision.score >= Self.stopScore { return decision }
            }
        }
        return decide(model, tally, letters, gates, script)
    }

    /// The winning label and its probability: the classes' scores with the letters' evidence, a softmax at the
    /// model's temperature over the square root of the n-grams known, summed over the classes of each label.
    private func decide(
        _ model: LanguageModel, _ tally: LanguageModel.Tally, _ letters: Letters, _ gates: Gates?, _ script: Script
    ) -> (language: String, score: Double) {
        var scores = model.scores(tally)
        if let gates {
            for c in scores.indices where letters.classes & (1 << c) == 0 {
                if gates.needOwn & (1 << c) != 0 { scores[c] = -.infinity }
                if gates.needUsual & (1 << c) != 0 { scores[c] -= Self.missingLettersPenalty }
            }
            if let u = gates.urdu, letters.urdu > 0, Double(letters.urdu) >= 0.02 * Double(letters.count) {
                scores[u] += Self.urduBonus
            }
        }
        guard let top = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[top].isFinite else {
            return (script == .arabic ? "ar" : "other", 0)
        }
        let t =
            (script == .arabic ? Self.temperature.arabic : Self.temperature.latin)
            / Double(max(tally.known, 1)).squareRoot()
        var byLabel = [Double](repeating: 0, count: model.labels.count)
        var sum = 0.0
        for c in scores.indices where scores[c].isFinite {
            let p = exp((scores[c] - scores[top]) * t)
            byLabel[model.labelOf[c]] += p
            sum += p
        }
        let label = model.labelOf[top]
        return (model.labels[label], byLabel[label] / sum)
    }
}
