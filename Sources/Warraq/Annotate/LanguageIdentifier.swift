import Parquet

/// Tells Arabic, Persian, Urdu and English apart (else "other"), with a score in 0...1.
///
/// Decides by script first (Arabic script or Latin), then, within the Arabic script, by stopwords and
/// the letters only one language uses (ARABIC-NOTES.md): Arabic news writes پ چ گ in foreign names, so
/// one letter never decides alone. Reads the counts and words of the annotators' one pass over the text
/// (`SearchWords`).
public struct LanguageIdentifier: Sendable {
    static let languages = ["ar", "fa", "ur", "en"]
    static let stopwords: [[String]] = [
        ArabicStopwords.functionWords + ArabicStopwords.languageEvidence,
        [
            "در", "و", "به", "از", "که", "است", "این", "را", "با", "یک", "برای", "می", "شد", "های", "هم", "تا", "کرد",
            "بود", "نیز", "شده", "خود", "اما", "شود", "دارد", "باید",
        ],
        [
            "کے", "میں", "کی", "اور", "ہے", "سے", "کا", "نے", "کو", "یہ", "پر", "ہیں", "کہ", "بھی", "تھا", "گیا", "ایک",
            "لیے", "وہ", "کر", "تھی", "ہو", "جو", "نہیں",
        ],
        [
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "it", "by", "at",
            "from", "he", "said", "be", "this", "have", "are", "has", "an", "were", "which", "not", "but", "his",
        ],
    ]
    /// Stopwords, and the bit mask of the languages that list each.
    /// (Stopwords are compared in their search form, as the words are: Persian «آن» is left out, since it
    /// would be Arabic «أن».)
    private let table: ByteKeyTable
    private let filter: HashFilter
    private let masks: [UInt8]

    public init() {
        var t = ByteKeyTable(capacity: 128)
        var masks: [UInt8] = []
        for (l, words) in Self.stopwords.enumerated() {
            for w in words {
                let (i, inserted) = t.insert(Array(Normalizer.search.normalize(w).utf8))
                if inserted { masks.append(0) }
                masks[i] |= 1 << l
            }
        }
        table = t
        filter = t.filter()
        self.masks = masks
    }

    /// The language code and its score.
    public func identify(_ text: String) -> (language: String, score: Double) {
        identify(SearchWords(title: nil, text: text))
    }

    /// The language of an article from its words (title and text): letters by script and stopwords (in
    /// their search form) come from that pass.
    func identify(_ words: SearchWords) -> (language: String, score: Double) {
        var hits = (0, 0, 0, 0)
        var tokens = 0
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span
        // against it.
        words.bytes.withUnsafeBufferPointer { all in
            for i in 0..<words.count where !words.spans[i].isNumber {
                tokens += 1
                let hash = words.spans[i].hash
                guard filter.mayContain(hash), let k = table.index(of: words.word(i, in: all), hash: hash) else {
                    continue
                }
                let mask = masks[k]
                if mask & 1 != 0 { hits.0 += 1 }
                if mask & 2 != 0 { hits.1 += 1 }
                if mask & 4 != 0 { hits.2 += 1 }
                if mask & 8 != 0 { hits.3 += 1 }
            }
        }
        let s = words.scripts
        let latin = s.latin, arabicScript = s.arabicScript
        let sharedLetters = s.shared, urduLetters = s.urduOnly, arabicLetters = s.arabicOnly
        // ZWNJ counts as Persian evidence, not as a letter.
        let persianOnly = s.persianOnly + s.zwnj
        let letters = latin + s.otherLetters + arabicScript
        guard letters > 0 else { return ("other", 0) }
        let latinShare = Double(latin) / Double(letters), arabicShare = Double(arabicScript) / Double(letters)
        if latinShare > 0.5 {
            let english = hits.3
            let share = Double(english) / Double(max(tokens, 1))
            if share >= 0.05 || (tokens < 6 && english > 0) {
                return ("en", min(1, latinShare * min(1, share * 4 + 0.3)))
            }
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
}
