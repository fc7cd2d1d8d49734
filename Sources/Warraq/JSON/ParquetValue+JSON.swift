import Parquet

extension ParquetValue {
    /// What happens to a value that JSON has no form for.
    public enum JSONForm: Sendable {
        /// Kept: NaN and ±Infinity as the strings "NaN", "Infinity" and "-Infinity", binary that is not UTF-8 as
        /// "base64:…" (`cat`, `inspect`, the manifest's statistics).
        case lossless
        /// Null: a record's fields are text, and no text is better than a made-up one (ingest of Parquet rows).
        case textOnly
    }

    /// The value as JSON, the one conversion every reader of Parquet values uses: dates "YYYY-MM-DD", timestamps
    /// "YYYY-MM-DDTHH:MM:SS.ffffffZ", binary as a string when it is UTF-8, lists as arrays, records as objects with
    /// their fields in order.
    public func json(_ form: JSONForm = .lossless) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(String(i))
        case .double(let d):
            if d.isFinite { return .number("\(d)") }
            guard form == .lossless else { return .null }
            return .string(d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity")
        case .string(let s): return .string(s)
        case .bytes(let b):
            if let s = String(validating: b, as: UTF8.self) { return .string(s) }
            return form == .lossless ? .string("base64:" + Base64.encode(b)) : .null
        case .date(let d): return .string(CivilTime.formatDate(d))
        case .timestamp(let t): return .string(CivilTime.formatTimestamp(t))
        case .list(let items): return .array(items.map { $0.json(form) })
        case .record(let fields): return .object(JSONObject(members: fields.map { ($0.name, $0.value.json(form)) }))
        }
    }
}

/// Base64 (RFC 4648, with padding).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)]]
            out += rest == 2 ? [table[Int(n >> 6 & 63)], UInt8(ascii: "=")] : [UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
