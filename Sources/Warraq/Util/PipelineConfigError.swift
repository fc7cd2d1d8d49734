/// A problem with a pipeline file (exit code 2): which file, which option, what it must be.
public indirect enum PipelineConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file cannot be read (missing, unreadable, or larger than 16 MiB).
    case unreadable(file: String)
    case notUTF8(file: String)
    /// Not YAML, or YAML of the wrong shape, at `option` ("the top level" when nowhere in particular).
    case invalidYAML(problem: String, option: String)
    /// An option that no section has; `nearest` is the known key it is likely a typo of.
    case unknownKey(key: String, section: String?, nearest: String?, known: [String])
    /// A value of the wrong kind: `option` must be `expected`; `got` is what it holds, when that can be shown.
    case wrongKind(option: String, expected: String, got: String?)
    /// A value of the right kind that breaks a rule (`history.keep_versions must be at least 1`).
    case invalidValue(option: String, rule: String)
    /// Two options that cannot go together.
    case conflict(String)
    /// Any of the above, in a file.
    case inFile(String, PipelineConfigError)

    public var description: String {
        switch self {
        case .unreadable(let file): return "cannot read the pipeline file \(file)"
        case .notUTF8(let file): return "\(file) is not UTF-8 text"
        case .invalidYAML(let problem, let option): return "\(problem) at \(option)"
        case .unknownKey(let key, let section, let nearest, let known):
            var message = "unknown key \(key) \(section.map { "in \($0)" } ?? "at the top level")"
            if let nearest { message += "; did you mean \(nearest)?" }
            return message + " (known keys: \(known.joined(separator: ", ")))"
        case .wrongKind(let option, let expected, let got):
            return "\(option) must be \(expected)" + (got.map { ", got \($0)" } ?? "")
        case .invalidValue(let option, let rule): return "\(option) \(rule)"
        case .conflict(let text): return text
        case .inFile(let file, let error): return "\(file): \(error.description)"
        }
    }
}
