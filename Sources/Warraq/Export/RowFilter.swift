import Parquet

/// One `--where` condition: `column op value` with = != < <= > >=. Values compare by the column's
/// type (numbers numerically, timestamps and dates as instants, strings bytewise).
public struct RowFilter: Sendable, CustomStringConvertible {
    public enum Op: String, Sendable, CaseIterable { case ge = ">=", le = "<=", ne = "!=", eq = "=", gt = ">", lt = "<" }

    public let column: String
    public let op: Op
    public let value: String

    /// Parses `source=okaz`, `date>=2015-08-01`, …
    public init(_ text: String) throws {
        for op in Op.allCases {
            guard let range = text.range(of: op.rawValue) else { continue }
            let column = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty, !column.contains(where: { "<>=!".contains($0) }) else { continue }
            self.column = column
            self.op = op
            self.value = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            return
        }
        throw DatasetError("--where \(text): expected column=value, or another of = != < <= > >=")
    }

    public var description: String { column + op.rawValue + value }

    /// Whether a value passes (null passes only `!=`).
    func accepts(_ v: ParquetValue) -> Bool {
        guard let c = compare(v) else { return op == .ne }
        switch op {
        case .eq: return c == 0
        case .ne: return c != 0
        case .lt: return c < 0
        case .le: return c <= 0
        case .gt: return c > 0
        case .ge: return c >= 0
        }
    }

    /// Whether any value in `lo...hi` could pass (for pruning row groups by their statistics).
    func mayAccept(min lo: ParquetValue, max hi: ParquetValue) -> Bool {
        guard let cl = compare(lo), let ch = compare(hi) else { return true }
        switch op {
        case .eq: return cl <= 0 && ch >= 0
        case .ne: return !(cl == 0 && ch == 0)
        case .lt: return cl < 0
        case .le: return cl <= 0
        case .gt: return ch > 0
        case .ge: return ch >= 0
        }
    }

    /// Sign of `v - value` by the value's type, or nil for null or an incomparable value.
    func compare(_ v: ParquetValue) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        switch v {
        case .null: return nil
        case .int(let i):
            if let x = Int64(value) { return sign(i, x) }
            return Double(value).map { sign(Double(i), $0) }
        case .double(let d): return Double(value).map { sign(d, $0) }
        case .bool(let b): return sign(b ? 1 : 0, value == "true" ? 1 : 0)
        case .date(let d): return CivilTime.parseDate(value).map { sign(d, $0) }
        case .timestamp(let t):
            if let x = CivilTime.parseTimestamp(value) ?? CivilTime.parseTimestamp(value + "T00:00:00Z") { return sign(t, x) }
            return nil
        case .string(let s):
            let a = Array(s.utf8), b = Array(value.utf8)
            return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        default: return nil
        }
    }
}
