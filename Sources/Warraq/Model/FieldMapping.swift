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

    /// The value of the first listed key present in `fields` with a non-empty value, as text.
    static func value(_ keys: [String], in fields: JSONObject) -> JSONValue? {
        for key in keys {
            for m in fields.members where sameKey(m.key, key) {
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

    /// Keys compare without regard to case; ASCII keys (nearly all) without allocating.
    private static func sameKey(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var a = a, b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for i in 0..<x.count {
                    let p = x[i], q = y[i]
                    if p >= 0x80 || q >= 0x80 { return nil }
                    if p != q && (p | 0x20 != q | 0x20 || !((p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A)) { return false }
                }
                return true
            }
        }
        return ascii ?? (a.lowercased() == b.lowercased())
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
