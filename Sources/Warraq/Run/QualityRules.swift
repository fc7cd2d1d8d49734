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
            let s = TextShape(doc.textNormalized)
            if let m = minArabicShare, s.arabicShare < m { return "not_arabic" }
            let mean = Double(s.letters) / Double(max(doc.wordCount, 1))
            if let m = minMeanWordLength, mean < m { return "odd_word_length" }
            if let m = maxMeanWordLength, mean > m { return "odd_word_length" }
            if let m = minStopwords, s.stopwords < m { return "too_few_stopwords" }
        }
        // Lines of a few words ("* *", "-", a byline) repeat in real articles: only real lines count.
        let lines = paragraphs.filter { $0.split(separator: " ").count >= 3 }
        if let m = maxRepeatedLineShare, lines.count >= 3 {
            var seen = Set<String>(), repeated = 0
            for p in lines where !seen.insert(p).inserted { repeated += 1 }
            if Double(repeated) / Double(lines.count) > m { return "repeated_lines" }
        }
        return nil
    }
}

/// Letter and stopword counts over normalized text, for the quality rules.
struct TextShape {
    var letters = 0
    var arabicShare = 0.0
    var stopwords = 0

    static let stopwords: Set<String> = {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        return Set(["في", "من", "على", "إلى", "عن", "أن", "مع", "أو", "هو", "التي", "الذي", "كان", "بين", "ما", "كانت", "هي", "بعد",
                    "قد", "لا", "هذا", "هذه", "إن", "ذلك", "كما", "عام"].map(n.normalize))
    }()

    init(_ normalized: String) {
        var arabic = 0
        for c in normalized.unicodeScalars where TextStatistics.isLetter(c) {
            letters += 1
            if (0x0621...0x064A).contains(c.value) { arabic += 1 }
        }
        arabicShare = letters == 0 ? 0 : Double(arabic) / Double(letters)
        for w in normalized.split(separator: " ") where Self.stopwords.contains(String(w)) { stopwords += 1 }
    }
}
