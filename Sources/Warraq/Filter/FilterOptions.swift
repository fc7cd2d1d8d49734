import Parquet

/// Quality rules of the filter stage (FineWeb-2's Arabic thresholds, tuned to news): each drop is
/// counted by its reason. Set a rule to null in the pipeline file to turn it off.
public struct FilterOptions: Decodable, Sendable, Equatable {
    /// False turns the filter step off: every document is kept, an empty one too.
    public var enabled = true
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
        case enabled
        case minWords = "min_words", maxWords = "max_words", minArabicShare = "min_arabic_share"
        case maxRepeatedLineShare = "max_repeated_line_share", minMeanWordLength = "min_mean_word_length"
        case maxMeanWordLength = "max_mean_word_length", minStopwords = "min_stopwords"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FilterOptions()
        enabled = try c.decode(.enabled, or: d.enabled)
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
}
