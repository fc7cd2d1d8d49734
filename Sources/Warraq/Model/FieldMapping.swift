/// Which record keys hold which document field: for each field, keys tried in order (case-insensitively),
/// the first present and non-empty wins. The defaults read SaudiNewsNet and common dataset layouts.
public struct FieldMapping: Decodable, Sendable, Equatable {
    public var text: [String] = ["content", "text", "body", "article", "article_body", "maintext", "story"]
    public var title: [String] = ["title", "head_line", "headline", "heading"]
    public var kicker: [String] = ["kicker", "overline", "supertitle"]
    public var url: [String] = ["url", "link", "source_url", "article_url"]
    public var date: [String] = [
        "published_at", "date", "date_published", "published", "pubDate", "publish_date",
        "date_extracted", "datetime", "created_at", "timestamp",
    ]
    public var source: [String] = ["source", "site", "publisher", "newspaper", "domain"]
    public var author: [String] = ["author", "authors", "writer", "byline"]
    public var id: [String] = ["id", "_id", "article_id", "doc_id", "uuid"]

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case text, title, kicker, url, date, source, author, id }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FieldMapping()
        func list(_ key: CodingKeys, _ fallback: [String]) throws -> [String] {
            if let one = try? c.decode(String.self, forKey: key) { return [one] }
            return try c.decode(key, or: fallback)
        }
        text = try list(.text, d.text); title = try list(.title, d.title); kicker = try list(.kicker, d.kicker)
        url = try list(.url, d.url); date = try list(.date, d.date); source = try list(.source, d.source)
        author = try list(.author, d.author); id = try list(.id, d.id)
    }

    /// The mapping with every key lowercased, for `RecordKeys.value`.
    func lowercased() -> FieldMapping {
        var m = self
        for list in [\FieldMapping.text, \.title, \.kicker, \.url, \.date, \.source, \.author, \.id] {
            m[keyPath: list] = m[keyPath: list].map { $0.lowercased() }
        }
        return m
    }

    /// A field value as one string (arrays joined by ", ").
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s
        case .number(let n)?: return n
        case .bool(let b)?: return b ? "true" : "false"
        case .array(let items)?:
            let parts = items.compactMap { text($0) }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        default: return nil
        }
    }
}

/// A record's fields with their keys lowercased once, for `FieldMapping`'s look-ups (which compare keys without
/// regard to case: a record was looked up eight times, each comparing every key of a list with every member).
struct RecordKeys {
    private let fields: JSONObject
    private let lowered: [String]

    init(_ fields: JSONObject) {
        self.fields = fields
        lowered = fields.members.map { $0.key.lowercased() }
    }

    /// The value of the first of `keys` (lowercased: `FieldMapping.lowercased()`) present with a non-empty value.
    func value(_ keys: [String]) -> JSONValue? {
        for key in keys {
            for (i, k) in lowered.enumerated() where k == key {
                let value = fields.members[i].value
                switch value {
                case .null: continue
                case .string(let s) where s.allSatisfy(\.isWhitespace): continue
                case .array(let a) where a.isEmpty: continue
                default: return value
                }
            }
        }
        return nil
    }
}
