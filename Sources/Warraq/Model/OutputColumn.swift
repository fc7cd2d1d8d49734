import Parquet

/// One column of the shards: its Parquet type, how a document's value is written into a column buffer, and how it
/// is shown as JSON (`warraq annotate`). Each column is defined once, by the step or annotator that fills it.
public struct OutputColumn: Sendable {
    public let spec: ColumnSpec
    let write: @Sendable (Document, inout ColumnData) throws -> Void
    let json: @Sendable (Document) -> JSONValue

    /// A string column (`nullable: false` when every document has a value).
    static func string(_ name: String, nullable: Bool = true, _ value: @escaping @Sendable (Document) -> String?)
        -> OutputColumn
    {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .string, nullable: nullable),
            write: { doc, column in
                if let v = value(doc) { column.append(string: v) } else { try column.appendNull() }
            },
            json: { value($0).map(JSONValue.string) ?? .null })
    }

    /// A 32-bit count (clamped).
    static func int32(_ name: String, _ value: @escaping @Sendable (Document) -> Int) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .int32, nullable: false),
            write: { doc, column in column.append(int32: Int32(clamping: value(doc))) },
            json: { .number(String(value($0))) })
    }

    static func int64(_ name: String, _ value: @escaping @Sendable (Document) -> Int) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .int64, nullable: false),
            write: { doc, column in column.append(int64: Int64(value(doc))) },
            json: { .number(String(value($0))) })
    }

    static func double(_ name: String, _ value: @escaping @Sendable (Document) -> Double) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .double, nullable: false),
            write: { doc, column in column.append(double: value(doc)) },
            json: { .number(JSONWriter.number(value($0))) })
    }

    /// A double that a document may lack.
    static func optionalDouble(_ name: String, _ value: @escaping @Sendable (Document) -> Double?) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .double, nullable: true),
            write: { doc, column in
                if let v = value(doc) { column.append(double: v) } else { try column.appendNull() }
            },
            json: { value($0).map { .number(JSONWriter.number($0)) } ?? .null })
    }

    /// Microseconds since the epoch, UTC; JSON shows them as ISO 8601.
    static func timestamp(_ name: String, _ value: @escaping @Sendable (Document) -> Int64?) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .timestamp),
            write: { doc, column in
                if let t = value(doc) { column.append(int64: t) } else { try column.appendNull() }
            },
            json: { value($0).map { .string(CivilTime.formatTimestamp($0)) } ?? .null })
    }

    static func stringList(_ name: String, _ value: @escaping @Sendable (Document) -> [String]) -> OutputColumn {
        OutputColumn(
            spec: ColumnSpec(name: name, type: .stringList, nullable: false),
            write: { doc, column in column.append(list: value(doc)) },
            json: { .array(value($0).map(JSONValue.string)) })
    }
}
