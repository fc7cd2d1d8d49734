/// The formats ingest reads, chosen by content (magic bytes) first and by extension second.
public enum InputFormat: String, Sendable {
    case text, json, jsonl, csv, tsv, parquet, gzip, zip

    /// Formats whose records a task can take a byte range of (`InputFile.piece`): one record a line or row.
    public var isSplittable: Bool { self == .jsonl || self == .csv || self == .tsv }

    /// The format of an input named `name` that begins with `head`: its magic bytes, else its extension, else a
    /// guess from its first bytes. The one way every input (a file, a zip entry, a gzip stream) is identified.
    public static func detect(name: String, head: [UInt8]) -> InputFormat {
        byMagic(head) ?? byExtension(name) ?? sniffText(head)
    }

    /// The format a file name suggests, or nil.
    public static func byExtension(_ name: String) -> InputFormat? {
        let lower = name.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "txt", "text": return .text
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "parquet", "pq": return .parquet
        case "gz", "gzip": return .gzip
        case "zip": return .zip
        default: return nil
        }
    }

    /// The format the first bytes prove, or nil.
    public static func byMagic(_ head: [UInt8]) -> InputFormat? {
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: Array("PAR1".utf8)) { return .parquet }
        return nil
    }

    /// Guesses between JSON, JSON lines and text from the first bytes of an unknown file.
    static func sniffText(_ head: [UInt8]) -> InputFormat {
        var i = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
        guard i < head.count else { return .text }
        if head[i] == UInt8(ascii: "[") { return .json }
        if head[i] == UInt8(ascii: "{") {
            // One object per line is JSON lines; an object spread over lines is one JSON document.
            let line = head[i...].prefix { $0 != 0x0A }
            let parsed = Array(line).withUnsafeBytes { (try? JSONParser.parse($0)) != nil }
            return parsed ? .jsonl : .json
        }
        return .text
    }
}
