import Parquet

/// `warraq convert`: JSON lines to a Parquet file with a given schema, streaming with bounded memory.
public struct JSONLinesConverter {
    public var schema: TableSchema
    public var options: WriterOptions
    /// Rows handed to the writer at a time.
    public var batchRows = 1024

    public init(schema: TableSchema, options: WriterOptions) {
        self.schema = schema
        self.options = options
    }

    /// Converts `input` to `output`; returns the number of rows written.
    /// - Throws: `ToolError` naming the line and column of a value that does not fit; the output is removed.
    @discardableResult
    public func convert(input: String, output: String) throws -> Int {
        let reader = BufferedReader(try FileByteSource(path: input))
        var lineNumber = 0
        let writer = try ParquetFileWriter(path: output, schema: schema, options: options)
        var rows = 0
        do {
            var batch = writer.makeBatch()
            while let more = try reader.nextLine({ line -> Bool in
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                let value: JSONValue
                do { value = try JSONParser.parse(line) } catch {
                    throw ToolError.invalidJSON(file: input, line: lineNumber, problem: "\(error)")
                }
                guard case .object(let object) = value else {
                    throw ToolError.notAnObject(file: input, line: lineNumber, kind: value.kind)
                }
                for i in batch.indices {
                    do { try Self.append(object[batch[i].spec.name], to: &batch[i]) } catch let e as ToolError {
                        throw ToolError.badValue(file: input, line: lineNumber, column: batch[i].spec.name, e)
                    }
                }
                return true
            }), more {
                if batch[0].rowCount >= batchRows {
                    rows += batch[0].rowCount
                    try writer.write(batch)
                    batch = writer.makeBatch()
                }
            }
            rows += batch.first?.rowCount ?? 0
            try writer.write(batch)
            try writer.close()
        } catch {
            _ = try? Syscalls.unlink(output)
            throw error
        }
        return rows
    }

    /// Appends one JSON value (nil when the key is absent) to a column, checking that it fits.
    static func append(_ value: JSONValue?, to column: inout ColumnData) throws {
        let spec = column.spec
        guard let value, value != .null else {
            do { try column.appendNull() } catch { throw ToolError.nullInRequiredColumn }
            return
        }
        func mismatch() -> ToolError {
            ToolError.wrongKind(
                expected: spec.type.rawValue, got: value.kind, excerpt: String(JSONWriter.serialize(value).prefix(60)))
        }
        switch spec.type {
        case .string:
            guard case .string(let s) = value else { throw mismatch() }
            column.append(string: s)
        case .int32:
            guard case .number(let n) = value, let v = Int32(n) else { throw mismatch() }
            column.append(int32: v)
        case .int64:
            guard case .number(let n) = value, let v = Int64(n) else { throw mismatch() }
            column.append(int64: v)
        case .double:
            switch value {
            case .number(let n):
                guard let v = Double(n) else { throw mismatch() }
                column.append(double: v)
            case .string("NaN"): column.append(double: .nan)
            case .string("Infinity"): column.append(double: .infinity)
            case .string("-Infinity"): column.append(double: -.infinity)
            default: throw mismatch()
            }
        case .bool:
            guard case .bool(let b) = value else { throw mismatch() }
            column.append(bool: b)
        case .date:
            guard case .string(let s) = value, let d = CivilTime.parseDate(s) else { throw mismatch() }
            column.append(int32: d)
        case .timestamp:
            guard case .string(let s) = value, let t = CivilTime.parseTimestamp(s) else { throw mismatch() }
            column.append(int64: t)
        case .stringList:
            guard case .array(let items) = value else { throw mismatch() }
            var list: [String?] = []
            for item in items {
                switch item {
                case .string(let s): list.append(s)
                case .null: list.append(nil)
                default: throw ToolError.wrongKind(expected: "a list of strings", got: item.kind, excerpt: "in it")
                }
            }
            column.append(list: list)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
