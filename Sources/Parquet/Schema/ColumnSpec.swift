/// The column types the writer produces (and `warraq convert` accepts in a schema file).
public enum ColumnType: String, Sendable, CaseIterable, Codable {
    case string
    case int32
    case int64
    case double
    case bool
    /// Days since 1970-01-01 (INT32 + DATE).
    case date
    /// Microseconds since 1970-01-01T00:00:00Z (INT64 + TIMESTAMP(MICROS, UTC)).
    case timestamp
    /// A list of nullable strings (the three-level LIST layout).
    case stringList = "list<string>"

    var physicalType: PhysicalType {
        switch self {
        case .string, .stringList: return .byteArray
        case .int32, .date: return .int32
        case .int64, .timestamp: return .int64
        case .double: return .double
        case .bool: return .boolean
        }
    }
}

/// One column of a table to write: its name, type, and whether it may hold nulls.
public struct ColumnSpec: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool

    public init(name: String, type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }

    /// The highest definition level of the column's leaf.
    var maxDefinitionLevel: Int {
        switch type {
        case .stringList: return nullable ? 3 : 2
        default: return nullable ? 1 : 0
        }
    }

    var maxRepetitionLevel: Int { type == .stringList ? 1 : 0 }

    /// The leaf's path in the schema.
    var path: [String] { type == .stringList ? [name, "list", "element"] : [name] }
}

/// The columns of a table, in order.
public struct TableSchema: Sendable, Equatable {
    public var columns: [ColumnSpec]

    public init(_ columns: [ColumnSpec]) throws(ParquetError) {
        var seen = Set<String>()
        for c in columns {
            guard !c.name.isEmpty else { throw .invalidSchema("a column has an empty name") }
            guard seen.insert(c.name).inserted else { throw .invalidSchema("column \"\(c.name)\" is defined twice") }
        }
        self.columns = columns
    }

    /// The flattened Parquet schema: root, then each column (lists as three elements).
    var elements: [SchemaElement] {
        var out = [SchemaElement(name: "schema", numChildren: Int32(columns.count))]
        for c in columns {
            let rep: Repetition = c.nullable ? .optional : .required
            switch c.type {
            case .string:
                out.append(
                    SchemaElement(
                        type: .byteArray, repetition: rep, name: c.name, convertedType: .utf8, logicalType: .string))
            case .int32:
                out.append(SchemaElement(type: .int32, repetition: rep, name: c.name))
            case .int64:
                out.append(SchemaElement(type: .int64, repetition: rep, name: c.name))
            case .double:
                out.append(SchemaElement(type: .double, repetition: rep, name: c.name))
            case .bool:
                out.append(SchemaElement(type: .boolean, repetition: rep, name: c.name))
            case .date:
                out.append(
                    SchemaElement(type: .int32, repetition: rep, name: c.name, convertedType: .date, logicalType: .date)
                )
            case .timestamp:
                out.append(
                    SchemaElement(
                        type: .int64, repetition: rep, name: c.name, convertedType: .timestampMicros,
                        logicalType: .timestamp(utc: true, unit: .micros)))
            case .stringList:
                out.append(
                    SchemaElement(
                        repetition: rep, name: c.name, numChildren: 1, convertedType: .list, logicalType: .list))
                out.append(SchemaElement(repetition: .repeated, name: "list", numChildren: 1))
                out.append(
                    SchemaElement(
                        type: .byteArray, repetition: .optional, name: "element", convertedType: .utf8,
                        logicalType: .string))
            }
        }
        return out
    }
}
