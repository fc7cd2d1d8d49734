/// Which record keys hold which document field: for each field, keys tried in order (case-insensitively),
/// the first present and non-empty wins. The defaults read SaudiNewsNet and common dataset layouts.
public struct FieldMapping: Codable, Sendable, Equatable {
    public var text: [String] = ["content", "text", "body", "article", "article_body", "maintext", "story"]
    public var title: [String] = ["title", "head_line", "headline", "heading"]
    public var kicker: [String] = ["kicker", "overline", "supertitle"]
    public var url: [String] = ["url", "link", "source_url", "article_url"]
    public var date: [String] = ["published_at", "date", "date_published", "published", "pubDate", "publish_date",
                                 "date_extracted", "datetime", "created_at", "timestamp"]
    public var source: [String] = ["source", "site", "publisher", "newspaper", "domain"]
    public var author: [String] = ["author", "authors", "writer", "byline"]
    public var id: [String] = ["id", "_id", "article_id", "doc_id", "uuid"]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FieldMapping()
        func list(_ key: CodingKeys, _ fallback: [String]) throws -> [String] {
            if let one = try? c.decode(String.self, forKey: key) { return [one] }
            return try c.decodeIfPresent([String].self, forKey: key) ?? fallback
        }
        text = try list(.text, d.text); title = try list(.title, d.title); kicker = try list(.kicker, d.kicker)
        url = try list(.url, d.url); date = try list(.date, d.date); source = try list(.source, d.source)
        author = try list(.author, d.author); id = try list(.id, d.id)
    }

    /// The value of the first listed key present in `fields` with a non-empty value, as text.
    static func value(_ keys: [String], in fields: JSONObject) -> JSONValue? {
        for key in keys {
            let lower = key.lowercased()
            for m in fields.members where m.key == key || m.key.lowercased() == lower {
                switch m.value {
                case .null: continue
                case .string(let s) where s.allSatisfy(\.isWhitespace): continue
                case .array(let a) where a.isEmpty: continue
                default: return m.value
                }
            }
        }
        return nil
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
