import Parquet

/// Reads the schema file of `warraq convert`:
/// `{"columns": [{"name": "id", "type": "string", "nullable": false}, ...]}`.
public enum SchemaFile {
    public static func parse(_ text: String, path: String) throws -> TableSchema {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw ToolError.schema(path: path, problem: "not valid JSON: \(error)")
        }
        guard case .array(let items)? = json["columns"] else {
            throw ToolError.schema(path: path, problem: "expected an object with a \"columns\" array")
        }
        var columns: [ColumnSpec] = []
        for (i, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue else {
                throw ToolError.schema(path: path, problem: "column \(i + 1) has no \"name\" string")
            }
            guard let typeName = item["type"]?.stringValue else {
                throw ToolError.schema(path: path, problem: "column \"\(name)\" has no \"type\" string")
            }
            guard let type = ColumnType(rawValue: typeName) else {
                let known = ColumnType.allCases.map(\.rawValue).joined(separator: ", ")
                throw ToolError.schema(
                    path: path, problem: "column \"\(name)\" has unknown type \"\(typeName)\" (known: \(known))")
            }
            var nullable = true
            switch item["nullable"] {
            case nil, .null?: break
            case .bool(let b)?: nullable = b
            default:
                throw ToolError.schema(path: path, problem: "column \"\(name)\": \"nullable\" must be true or false")
            }
            columns.append(ColumnSpec(name: name, type: type, nullable: nullable))
        }
        do { return try TableSchema(columns) } catch { throw ToolError.schema(path: path, problem: "\(error)") }
    }
}
