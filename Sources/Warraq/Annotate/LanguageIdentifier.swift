/// Tells Arabic, Persian, Urdu and English apart (else "other"), with a score in 0...1.
///
/// Decides by script first (Arabic script or Latin), then, within the Arabic script, by stopwords and
/// the letters only one language uses (ARABIC-NOTES.md): Arabic news writes پ چ گ in foreign names, so
/// one letter never decides alone.
public struct LanguageIdentifier: Sendable {
    static let stopwords: [String: Set<String>] = [
        "ar": ["في", "من", "على", "إلى", "الى", "عام", "أن", "ان", "مع", "أو", "هو", "عن", "التي", "الذي", "كان", "بين", "ما",
               "كانت", "هي", "بعد", "قد", "لا", "هذا", "هذه", "وقال", "وفي", "كما", "إن", "ذلك", "حيث", "منذ", "خلال", "لم", "عند"],
        "fa": ["در", "و", "به", "از", "که", "است", "این", "را", "با", "یک", "برای", "آن", "می", "شد", "های", "هم", "تا", "کرد",
               "بود", "نیز", "شده", "خود", "اما", "شود", "دارد", "باید"],
        "ur": ["کے", "میں", "کی", "اور", "ہے", "سے", "کا", "نے", "کو", "یہ", "پر", "ہیں", "کہ", "بھی", "تھا", "گیا", "ایک",
               "لیے", "وہ", "کر", "تھی", "ہو", "جو", "نہیں"],
        "en": ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "it", "by", "at",
               "from", "he", "said", "be", "this", "have", "are", "has", "an", "were", "which", "not", "but", "his"],
    ]

    public init() {}

    /// The language code and its score.
    public func identify(_ text: String) -> (language: String, score: Double) {
        var arabicScript = 0, latin = 0, letters = 0
        var persianLetters = 0, urduLetters = 0, arabicLetters = 0
        for c in text.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { latin += 1; letters += 1 }
                continue
            }
            switch v {
            case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC: persianLetters += 1; arabicScript += 1; letters += 1
            case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2: urduLetters += 1; arabicScript += 1; letters += 1
            case 0x0643, 0x064A, 0x0649, 0x0629: arabicLetters += 1; arabicScript += 1; letters += 1
            case 0x0620...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF, 0x0750...0x077F: arabicScript += 1; letters += 1
            default:
                if c.properties.isAlphabetic { letters += 1 }
            }
        }
        guard letters > 0 else { return ("other", 0) }
        var hits: [String: Int] = [:]
        var tokens = 0
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            tokens += 1
            let word = token.trimmingCharacters(in: Self.punctuation)
            let w = latin > arabicScript ? word.lowercased() : word
            for (language, words) in Self.stopwords where words.contains(w) { hits[language, default: 0] += 1 }
        }
        let latinShare = Double(latin) / Double(letters), arabicShare = Double(arabicScript) / Double(letters)
        if latinShare > 0.5 {
            let share = Double(hits["en", default: 0]) / Double(max(tokens, 1))
            return share >= 0.05 || tokens < 6 && hits["en", default: 0] > 0 ? ("en", min(1, latinShare * min(1, share * 4 + 0.3))) : ("other", 1 - latinShare * 0.5)
        }
        guard arabicShare > 0.5 else { return ("other", 1 - max(latinShare, arabicShare)) }
        // Evidence per language: stopwords, plus letters only that language uses (scaled per 100 letters).
        let per100 = 100.0 / Double(arabicScript)
        var evidence: [String: Double] = [
            "ar": Double(hits["ar", default: 0]) + Double(arabicLetters) * per100 * 0.05,
            "fa": Double(hits["fa", default: 0]) + Double(persianLetters) * per100 * 0.4,
            "ur": Double(hits["ur", default: 0]) + Double(urduLetters) * per100 * 0.6,
        ]
        // Urdu shares most Persian letters: Urdu-only letters outweigh them.
        if urduLetters * 4 < persianLetters { evidence["ur"]! *= 0.5 }
        let total = evidence.values.reduce(0, +)
        guard total > 0 else { return ("ar", arabicShare * 0.5) }
        let best = evidence.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
        return (best.key, arabicShare * best.value / total)
    }

    static let punctuation = CharacterSet(charactersIn: ".,:;!?؟،؛\"'()[]{}«»“”‘’-–—…")
}

import Foundation
