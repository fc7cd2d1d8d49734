/// One value read from a file, with its logical type applied.
public enum ParquetValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    case list([ParquetValue])
    case record([Field])

    /// A named field of a record.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: ParquetValue
        public init(name: String, value: ParquetValue) { self.name = name; self.value = value }
    }

    /// The value of field `name` of a record, or nil.
    public subscript(name: String) -> ParquetValue? {
        if case .record(let fields) = self { return fields.first { $0.name == name }?.value }
        return nil
    }

    public var isNull: Bool { self == .null }
}
