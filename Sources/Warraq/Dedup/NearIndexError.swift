/// A problem with the near-duplicate index's files (`_near/`) (exit code 1): the run publishes nothing.
public enum NearIndexError: Error, CustomStringConvertible, Sendable {
    /// A segment that cannot be read as one: `problem` says what is wrong.
    case corrupt(path: String, problem: String)
    /// A file step failed: `cannot ACTION PATH: REASON`.
    case fileSystem(action: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let problem):
            return "\(path) is not a readable near-duplicate index segment: \(problem); "
                + "`warraq run --full-refresh` rebuilds the index from the inputs"
        case .fileSystem(let action, let path, let reason):
            return "cannot \(action) \(path): \(reason); check that the dataset folder is writable and has room"
        }
    }
}
