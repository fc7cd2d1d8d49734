/// Quality rules of the filter stage (FineWeb-2's Arabic thresholds, tuned to news): each drop is
/// counted by its reason. Set a rule to null in the pipeline file to turn it off.
public struct FilterOptions: Codable, Sendable, Equatable {
    /// Fewest words (`too_few_words`); an empty text is always dropped (`empty_text`).
    public var minWords: Int? = 1
    public var maxWords: Int? = 100_000
    /// Least share of letters that are Arabic (`not_arabic`).
    public var minArabicShare: Double?
    /// Most share of lines that repeat another line (`repeated_lines`).
    public var maxRepeatedLineShare: Double?
    /// Mean word length in letters must lie in this range (`odd_word_length`).
    public var minMeanWordLength: Double?
    public var maxMeanWordLength: Double?
    /// Fewest Arabic stopwords (`too_few_stopwords`): real prose has them, lists and junk do not.
    public var minStopwords: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minWords = "min_words", maxWords = "max_words", minArabicShare = "min_arabic_share"
        case maxRepeatedLineShare = "max_repeated_line_share", minMeanWordLength = "min_mean_word_length"
        case maxMeanWordLength = "max_mean_word_length", minStopwords = "min_stopwords"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FilterOptions()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T?) throws -> T? {
            c.contains(key) ? try c.decodeIfPresent(T.self, forKey: key) : fallback
        }
        minWords = try value(.minWords, d.minWords)
        maxWords = try value(.maxWords, d.maxWords)
        minArabicShare = try value(.minArabicShare, d.minArabicShare)
        maxRepeatedLineShare = try value(.maxRepeatedLineShare, d.maxRepeatedLineShare)
        minMeanWordLength = try value(.minMeanWordLength, d.minMeanWordLength)
        maxMeanWordLength = try value(.maxMeanWordLength, d.maxMeanWordLength)
        minStopwords = try value(.minStopwords, d.minStopwords)
    }

    /// The reason to drop a document, or nil to keep it.
    func dropReason(_ doc: Document, paragraphs: [String]) -> String? {
        if doc.text.isEmpty { return "empty_text" }
        if let m = minWords, doc.wordCount < m { return "too_few_words" }
        if let m = maxWords, doc.wordCount > m { return "too_many_words" }
        if minArabicShare != nil || minMeanWordLength != nil || maxMeanWordLength != nil || minStopwords != nil {
            let s = TextShape(doc.textNormalized, countStopwords: minStopwords != nil)
            if let m = minArabicShare, s.arabicShare < m { return "not_arabic" }
            let mean = Double(s.letters) / Double(max(doc.wordCount, 1))
            if let m = minMeanWordLength, mean < m { return "odd_word_length" }
            if let m = maxMeanWordLength, mean > m { return "odd_word_length" }
            if let m = minStopwords, s.stopwords < m { return "too_few_stopwords" }
        }
        // Lines of a few words ("* *", "-", a byline) repeat in real articles: only real lines count.
        if let m = maxRepeatedLineShare, paragraphs.count >= 3 {
            var seen = Set<Word>(), repeated = 0, lines = 0
            for p in paragraphs where p.utf8.lazy.filter({ $0 == 0x20 }).count >= 2 {
                lines += 1
                if !seen.insert(Word(p)).inserted { repeated += 1 }
            }
            if lines >= 3 && Double(repeated) / Double(lines) > m { return "repeated_lines" }
        }
        return nil
    }
}

/// Letter and stopword counts over normalized text, for the quality rules.
struct TextShape {
    var letters = 0
    var arabicShare = 0.0
    var stopwords = 0

    static let stopwords: Set<Word> = {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        return Set(["في", "من", "على", "إلى", "عن", "أن", "مع", "أو", "هو", "التي", "الذي", "كان", "بين", "ما", "كانت", "هي", "بعد",
                    "قد", "لا", "هذا", "هذه", "إن", "ذلك", "كما", "عام"].map { Word(n.normalize($0)) })
    }()

    init(_ normalized: String, countStopwords: Bool) {
        var arabic = 0
        var text = normalized
        text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { letters += 1 }
                    i += 1
                } else if (c == 0xD8 && i + 1 < b.count && b[i + 1] >= 0xA1) || (c == 0xD9 && i + 1 < b.count && b[i + 1] <= 0x8A) {
                    letters += 1; arabic += 1; i += 2
                } else {
                    if c >= 0xC4 { letters += 1 }  // other scripts: roughly a letter per sequence
                    i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                }
            }
        }
        arabicShare = letters == 0 ? 0 : Double(arabic) / Double(letters)
        if countStopwords { for w in WordTokenizer.words(normalized) where Self.stopwords.contains(w) { stopwords += 1 } }
    }
}
