import Parquet

/// One `--where` condition: `column op value` with = != < <= > >=. Values compare by the column's
/// type (numbers numerically, timestamps and dates as instants, strings bytewise).
public struct RowFilter: Sendable, CustomStringConvertible {
    public enum Op: String, Sendable, CaseIterable {
        case ge = ">=", le = "<=", ne = "!=", eq = "=", gt = ">", lt = "<"
    }

    public let column: String
    public let op: Op
    public let value: String
    /// The literal read once, as each kind of column it can be compared with.
    private let literal: Literal

    private struct Literal: Sendable {
        var int: Int64?
        var double: Double?
        var bool: Bool
        var date: Int32?
        var timestamp: Int64?

        init(_ text: String) {
            int = Int64(text)
            double = Double(text)
            bool = text == "true"
            date = CivilTime.parseDate(text)
            timestamp = CivilTime.parseTimestamp(text) ?? CivilTime.parseTimestamp(text + "T00:00:00Z")
        }
    }

    /// Parses `source=okaz`, `date>=2015-08-01`, …
    public init(_ text: String) throws {
        for op in Op.allCases {
            guard let range = text.range(of: op.rawValue) else { continue }
            let column = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty, !column.contains(where: { "<>=!".contains($0) }) else { continue }
            self.column = column
            self.op = op
            self.value = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            literal = Literal(value)
            return
        }
        throw DatasetError.invalidFilter(text)
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
        let other: ParquetValue?
        switch v {
        case .int: other = literal.int.map(ParquetValue.int) ?? literal.double.map(ParquetValue.double)
        case .double: other = literal.double.map(ParquetValue.double)
        case .bool: other = .bool(literal.bool)
        case .date: other = literal.date.map(ParquetValue.date)
        case .timestamp: other = literal.timestamp.map(ParquetValue.timestamp)
        case .string: other = .string(value)
        default: other = nil
        }
        return other.flatMap { ValueOrder.compare(v, $0) }
    }
}
