/// An error of a command-line tool, with the whole message a person needs (file, line, column, what to do).
public struct ToolError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
