/// How pipeline-file sections decode: every key known, every value of the right kind, and errors a person can act
/// on (`filter.min_words must be a whole number, got "ten"`, `unknown key filters; did you mean filter?`).
extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent (or null): how every option of a pipeline
    /// file gets its default.
    /// - Throws: `PipelineConfigError` naming the option, what it must be and what it holds.
    func decode<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeOptional(key) ?? fallback
    }

    /// The value at `key`, nil when absent or null.
    /// - Throws: `PipelineConfigError` naming the option, what it must be and what it holds.
    func decodeOptional<T: Decodable>(_ key: Key) throws -> T? {
        do {
            return try decodeIfPresent(T.self, forKey: key)
        } catch is DecodingError {
            // Nested sections report their own options as PipelineConfigError; a DecodingError is about this value
            // (or an element of its list).
            let got =
                (try? decode(String.self, forKey: key)).map { "\"\($0)\"" }
                ?? (try? decode([String].self, forKey: key)).map { "[" + $0.joined(separator: ", ") + "]" }
                ?? "a value of another kind"
            throw PipelineConfigError.wrongKind(
                option: ConfigPath.text(codingPath + [key]), expected: ConfigPath.expected(T.self), got: got)
        }
    }
}

extension Decoder {
    /// Checks that the mapping being decoded holds only `Keys`' keys.
    /// - Throws: `PipelineConfigError` naming the first unknown key and the nearest known one.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        try rejectUnknownKeys(known: Keys.allCases.map(\.stringValue))
    }

    /// Checks that the mapping being decoded holds only the `known` keys (for a section whose keys are data, such
    /// as `annotate`'s annotator names).
    func rejectUnknownKeys(known: [String]) throws {
        guard let c = try? container(keyedBy: AnyCodingKey.self) else { return }
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            throw PipelineConfigError.unknownKey(
                key: key.stringValue, section: codingPath.isEmpty ? nil : ConfigPath.text(codingPath),
                nearest: ConfigPath.nearest(key.stringValue, in: known), known: known)
        }
    }
}

/// A coding key for any string, to list the keys a mapping really has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
}

/// Names of options and of the kinds of value they take, as the pipeline file spells them.
enum ConfigPath {
    /// `filter.min_words`, `partition_by[0]`.
    static func text(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "the top level" }
        return path.reduce(into: "") { out, key in
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is Int64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "text"
        case is [String].Type: return "a list of text"
        case let t as any CaseIterableConfigValue.Type: return "one of " + t.names.joined(separator: ", ")
        case let t as any ListOfConfigValues.Type: return "a list of " + t.elementNames.joined(separator: ", ")
        default: return "a mapping of options"
        }
    }

    /// The known key closest to `key` by edit distance, if it is close enough to be a typo.
    static func nearest(_ key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, distance(Array(key.utf8), Array($0.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.utf8.count / 3) else { return nil }
        return best.0
    }

    private static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

/// A string enum of a pipeline file, whose names an error lists.
protocol CaseIterableConfigValue {
    static var names: [String] { get }
}

extension CaseIterableConfigValue where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var names: [String] { allCases.map(\.rawValue) }
}

/// A list of a string enum, whose names an error lists.
protocol ListOfConfigValues {
    static var elementNames: [String] { get }
}

extension Array: ListOfConfigValues where Element: CaseIterableConfigValue {
    static var elementNames: [String] { Element.names }
}
