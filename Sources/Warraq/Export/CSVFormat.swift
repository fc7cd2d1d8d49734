import Parquet

/// CSV cells (RFC 4180) of values read from Parquet, for `export csv` and `cat --format csv`.
public enum CSVFormat {
    /// The text of a cell (before quoting): null is empty, strings as they are, NaN and ±Infinity by name,
    /// lists and records as JSON.
    public static func text(_ value: ParquetValue) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .date(let d): return CivilTime.formatDate(d)
        case .timestamp(let t): return CivilTime.formatTimestamp(t)
        case .double(let d): return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : "\(d)"
        default: return JSONWriter.serialize(value.json())
        }
    }

    /// Appends one field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
    public static func appendField(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }
}
