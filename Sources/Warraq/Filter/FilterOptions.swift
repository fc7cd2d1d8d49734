import Parquet

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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minWords = "min_words", maxWords = "max_words", minArabicShare = "min_arabic_share"
        case maxRepeatedLineShare = "max_repeated_line_share", minMeanWordLength = "min_mean_word_length"
        case maxMeanWordLength = "max_mean_word_length", minStopwords = "min_stopwords"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FilterOptions()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T?) throws -> T? {
            c.contains(key) ? try c.decodeOptional(key) : fallback
        }
        minWords = try value(.minWords, d.minWords)
        maxWords = try value(.maxWords, d.maxWords)
        minArabicShare = try value(.minArabicShare, d.minArabicShare)
        maxRepeatedLineShare = try value(.maxRepeatedLineShare, d.maxRepeatedLineShare)
        minMeanWordLength = try value(.minMeanWordLength, d.minMeanWordLength)
        maxMeanWordLength = try value(.maxMeanWordLength, d.maxMeanWordLength)
        minStopwords = try value(.minStopwords, d.minStopwords)
    }

    /// The reason to drop a document, or nil to keep it; `words` are the document's search words.
    func dropReason(_ doc: Document, paragraphs: CleanedText, in kept: Range<Int>, words: SearchWords) -> String? {
        if doc.text.isEmpty { return "empty_text" }
        if let m = minWords, doc.wordCount < m { return "too_few_words" }
        if let m = maxWords, doc.wordCount > m { return "too_many_words" }
        let letters = words.counts.letters
        let arabicShare = letters == 0 ? 0 : Double(words.counts.arabicLetters) / Double(letters)
        if let m = minArabicShare, arabicShare < m { return "not_arabic" }
        let mean = Double(letters) / Double(max(doc.wordCount, 1))
        if let m = minMeanWordLength, mean < m { return "odd_word_length" }
        if let m = maxMeanWordLength, mean > m { return "odd_word_length" }
        if let m = minStopwords, Self.stopwordCount(words) < m { return "too_few_stopwords" }
        // Lines of a few words ("* *", "-", a byline) repeat in real articles: only real lines count.
        if let m = maxRepeatedLineShare, kept.count >= 3 {
            var seen = ByteKeyTable(capacity: kept.count), repeated = 0, lines = 0
            for p in kept {
                paragraphs.withParagraphBytes(p) { b in
                    var spaces = 0
                    for c in b where c == 0x20 { spaces += 1; if spaces == 2 { break } }
                    guard spaces >= 2 else { return }
                    lines += 1
                    if !seen.insert(b).inserted { repeated += 1 }
                }
            }
            if lines >= 3 && Double(repeated) / Double(lines) > m { return "repeated_lines" }
        }
        return nil
    }

    /// Common Arabic function words: real prose has them, lists and junk do not.
    static let stopwords = ArabicStopwords.table(ArabicStopwords.functionWords)

    /// The text's words (not the title's) that are stopwords.
    static func stopwordCount(_ words: SearchWords) -> Int {
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span against it.
        words.bytes.withUnsafeBufferPointer { all in
            var n = 0
            for i in words.titleWords..<words.count where stopwords.contains(words.word(i, in: all), hash: words.spans[i].hash) { n += 1 }
            return n
        }
    }
}
