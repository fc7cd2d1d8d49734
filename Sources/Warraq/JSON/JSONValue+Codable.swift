import Foundation

/// JSON values inside `Codable` models (the manifest's column statistics): numbers keep their text where they can.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .number(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .number(JSONWriter.number(d))
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            let o = try c.decode([String: JSONValue].self)
            self = .object(JSONObject(members: o.keys.sorted().map { ($0, o[$0] ?? .null) }))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let text):
            if let i = Int64(text) {
                try c.encode(i)
            } else if let d = Double(text) {
                try c.encode(d)
            } else {
                try c.encode(text)
            }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o):
            try c.encode(Dictionary(o.members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b }))
        }
    }
}

extension JSONValue {
    /// A `Codable` value as a JSON value (through its JSON text).
    init(encoding value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(value)).map { Array($0) } ?? Array("null".utf8)
        self = (try? bytes.withUnsafeBytes { try JSONParser.parse($0) }) ?? .null
    }
}
