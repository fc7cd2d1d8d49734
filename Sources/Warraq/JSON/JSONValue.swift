/// A parsed JSON value. Numbers keep their text so that integers stay exact.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The bytes of its strings, numbers and keys: what holding it costs in memory, roughly (for batching by size).
    var approximateBytes: Int {
        switch self {
        case .null, .bool: return 1
        case .number(let s), .string(let s): return s.utf8.count
        case .array(let a): return a.reduce(0) { $0 + $1.approximateBytes }
        case .object(let o): return o.approximateBytes
        }
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A short name of the value's kind, for error messages.
    public var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object's members in input order (later duplicates win on lookup).
public struct JSONObject: Sendable, Equatable {
    public var members: [(key: String, value: JSONValue)] = []

    public init(members: [(key: String, value: JSONValue)] = []) { self.members = members }

    /// The bytes of its keys and values (`JSONValue.approximateBytes`).
    var approximateBytes: Int { members.reduce(0) { $0 + $1.key.utf8.count + $1.value.approximateBytes } }

    public subscript(key: String) -> JSONValue? {
        for m in members.reversed() where m.key == key { return m.value }
        return nil
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count
            && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
