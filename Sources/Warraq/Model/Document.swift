/// One article as it leaves the stages: the output row, plus why it was dropped, if it was.
public struct Document: Sendable {
    public var id: String
    public var source: String?
    public var url: String?
    public var title: String?
    public var kicker: String?
    public var author: String?
    /// Microseconds since the epoch, UTC.
    public var publishedAt: Int64?
    public var text: String
    public var textNormalized: String = ""
    public var language: String = "other"
    public var languageScore: Double = 0
    public var charCount = 0
    public var wordCount = 0
    public var sentenceCount = 0
    public var paragraphCount = 0
    public var contentHash: String = ""
    /// Dates the text mentions: YYYY-MM-DD, YYYY-MM, or --MM-DD.
    public var datesMentioned: [String] = []
    /// People, places and organizations found by the gazetteers, in order of first mention.
    public var entities: [EntityMention] = []
    public var keywords: [String] = []
    /// The host of `url`, lowercased, without `www.`.
    public var urlDomain: String?
    public var duplicateOf: String?
    /// The earliest row this one is a near-duplicate of (by verified Jaccard similarity of its shingles), and that
    /// similarity: set by the dedup step.
    public var nearDuplicateOf: String?
    public var nearDuplicateSimilarity: Double?
    /// The LSH band keys and shingles the dedup step compares (when `dedup.near` is on); not a column.
    public var nearSignature: MinHashSignature?
    public var inputPath: String
    public var inputRecord: Int
    /// The input file (the archive for an archive's entries).
    public var inputFile = ""
    /// The mojibake repaired in the record, if any ("mojibake_cp1252", "mojibake_cp1256").
    public var repaired: String?
    /// The encoding the record was decoded from, when it was not UTF-8 ("windows1256", "utf16").
    public var decodedFrom: String?
    /// Set by the filters: the reason this document is not written.
    public var dropReason: DropReason?
}
