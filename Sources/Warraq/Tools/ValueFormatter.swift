import Parquet

/// Formats values read from Parquet as JSON (the forms `convert` accepts) and as CSV cells.
public enum ValueFormatter {
    /// Appends `value` as JSON: dates "YYYY-MM-DD", timestamps "YYYY-MM-DDTHH:MM:SS.ffffffZ",
    /// binary as a string when it is UTF-8, else as base64.
    public static func appendJSON(_ value: ParquetValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONWriter.number(d).utf8)
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .bytes(let b):
            if let s = String(validating: b, as: UTF8.self) { JSONWriter.appendString(s, to: &out) }
            else { JSONWriter.appendString("base64:" + base64(b), to: &out) }
        case .date(let d): JSONWriter.appendString(CivilTime.formatDate(d), to: &out)
        case .timestamp(let t): JSONWriter.appendString(CivilTime.formatTimestamp(t), to: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendJSON(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .record(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(f.name, to: &out)
                out.append(UInt8(ascii: ":"))
                appendJSON(f.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The text of a CSV cell (before quoting): null is empty, lists and records are JSON.
    public static func csvText(_ value: ParquetValue) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .date(let d): return CivilTime.formatDate(d)
        case .timestamp(let t): return CivilTime.formatTimestamp(t)
        case .double(let d): return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : "\(d)"
        default:
            var out: [UInt8] = []
            appendJSON(value, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends one RFC 4180 CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
    public static func appendCSVField(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    public static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
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
