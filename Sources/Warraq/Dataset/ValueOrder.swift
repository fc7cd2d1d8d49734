import Parquet

/// The order of values, as Parquet's statistics order them: numbers numerically, dates and timestamps as instants,
/// false before true, strings by their UTF-8 bytes. The one comparison the manifest's statistics, `inspect` and
/// `--where` share.
enum ValueOrder {
    /// The sign of `a - b`, or nil when the two are not of one comparable kind (or either is null).
    static func compare(_ a: ParquetValue, _ b: ParquetValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.double(let x), .double(let y)): return sign(x, y)
        case (.int(let x), .double(let y)): return sign(Double(x), y)
        case (.double(let x), .int(let y)): return sign(x, Double(y))
        case (.timestamp(let x), .timestamp(let y)): return sign(x, y)
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.bool(let x), .bool(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        case (.string(let x), .string(let y)): return compareUTF8(x, y)
        default: return nil
        }
    }

    static func less(_ a: ParquetValue, _ b: ParquetValue) -> Bool { compare(a, b) == -1 }

    /// The order of statistics as the manifest writes them (numbers, or strings).
    static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        func value(_ v: JSONValue) -> ParquetValue {
            switch v {
            case .number(let n): return .double(Double(n) ?? 0)
            case .string(let s): return .string(s)
            default: return .null
            }
        }
        return compare(value(a), value(b)) == -1
    }

    /// Strings by their UTF-8 bytes, without copying them (not `==`, which equates canonically equivalent
    /// strings whose bytes differ).
    private static func compareUTF8(_ a: String, _ b: String) -> Int {
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}
