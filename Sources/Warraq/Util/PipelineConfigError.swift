/// A problem with a pipeline file or the command line (exit code 2).
public struct PipelineConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
