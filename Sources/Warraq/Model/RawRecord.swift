/// One record as ingest found it: its fields by key, and where it came from.
public struct RawRecord: Sendable {
    /// The record's fields (for a plain-text article: only "text").
    public var fields: JSONObject
    /// The input it came from: a file path, `archive.zip!/entry.json`, or a gzip file's path.
    public var inputPath: String
    /// 1-based position in its input: the line (JSON lines), element (JSON arrays), data row (CSV), 1 (text).
    public var inputRecord: Int
    /// True for plain-text articles, whose first lines hold the title (and maybe a kicker).
    public var isPlainText: Bool
    /// The encoding the record's text was decoded from.
    public var encoding: TextEncoding
    /// The source to use when the record names none: the input's folder name.
    public var defaultSource: String
    /// The input file it came from (the archive for an archive's entries), for per-input counts.
    public var inputFile = ""

    public init(
        fields: JSONObject, inputPath: String, inputRecord: Int, isPlainText: Bool = false,
        encoding: TextEncoding = .utf8, defaultSource: String
    ) {
        self.fields = fields
        self.inputPath = inputPath
        self.inputRecord = inputRecord
        self.isPlainText = isPlainText
        self.encoding = encoding
        self.defaultSource = defaultSource
    }
}

/// A record (or the rest of an input) that could not be read, with why and where.
public struct Rejection: Sendable {
    public var inputPath: String
    /// The record's position, or nil when the whole input (or its rest) was unreadable.
    public var inputRecord: Int?
    /// Why: the key of the counts.
    public var reason: RejectReason
    /// What was wrong, for a person.
    public var detail: String
    /// The start of the raw record, when there is one.
    public var excerpt: String?
    /// The input file it came from (the archive for an archive's entries); empty for a path problem.
    public var inputFile = ""
}

/// What ingest yields, in input order.
public enum IngestItem: Sendable {
    case record(RawRecord)
    case rejected(Rejection)

    /// The same item, stamped with the input file it came from.
    func from(file: String) -> IngestItem {
        switch self {
        case .record(var r): r.inputFile = file; return .record(r)
        case .rejected(var r): r.inputFile = file; return .rejected(r)
        }
    }
}
