/// An error of `warraq convert` and its schema file, with the whole message a person needs: the file, the line, the
/// column, what was expected.
public indirect enum ToolError: Error, CustomStringConvertible, Sendable {
    case unreadableSchema(path: String)
    /// The schema file is wrong: `problem` says where.
    case schema(path: String, problem: String)
    case invalidJSON(file: String, line: Int, problem: String)
    case notAnObject(file: String, line: Int, kind: String)
    /// A value that does not fit its column, on a line of the input.
    case badValue(file: String, line: Int, column: String, ToolError)
    /// What a value is wrong by (inside `badValue`).
    case nullInRequiredColumn
    case wrongKind(expected: String, got: String, excerpt: String)

    public var description: String {
        switch self {
        case .unreadableSchema(let path): return "cannot read the schema file \(path)"
        case .schema(let path, let problem): return "\(path): \(problem)"
        case .invalidJSON(let file, let line, let problem): return "\(file):\(line): not valid JSON: \(problem)"
        case .notAnObject(let file, let line, let kind): return "\(file):\(line): expected a JSON object, got \(kind)"
        case .badValue(let file, let line, let column, let error):
            return "\(file):\(line): column \"\(column)\": \(error.description)"
        case .nullInRequiredColumn: return "null in a column that is not nullable"
        case .wrongKind(let expected, let got, let excerpt): return "expected \(expected), got \(got) \(excerpt)"
        }
    }
}
