/// Appends JSON text to a UTF-8 byte buffer: strings escaped (non-ASCII kept as UTF-8).
public enum JSONWriter {
    /// Appends `s` as a JSON string. Besides what JSON requires, U+0085, U+2028 and U+2029 are escaped:
    /// they are line breaks to Python's `splitlines()` and to JavaScript, so left raw they would split a
    /// JSON-lines record in two for such readers.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            let hex = Array("0123456789abcdef".utf8)
            func escape(_ v: UInt32) {
                out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int(v >> UInt32(shift) & 15)]) }
            }
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let c = utf8[i]
                var width = 0
                var lineBreak: UInt32?
                if c < 0x20 || c == 0x22 || c == 0x5C {
                    width = 1
                } else if c == 0xC2, i + 1 < utf8.count, utf8[i + 1] == 0x85 {
                    width = 2; lineBreak = 0x85
                } else if c == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9
                {
                    width = 3; lineBreak = utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029
                }
                guard width > 0 else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if let lineBreak {
                    escape(lineBreak)
                } else {
                    switch c {
                    case 0x22: out.append(contentsOf: [0x5C, 0x22])
                    case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                    case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                    default: escape(UInt32(c))
                    }
                }
                i += width
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func string(_ s: String) -> String {
        var out: [UInt8] = []
        appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A double as JSON: shortest round-trip form; NaN and infinities as the strings convert accepts.
    public static func number(_ d: Double) -> String {
        if d.isNaN { return "\"NaN\"" }
        if d.isInfinite { return d < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return "\(d)"
    }

    /// Serializes a value compactly (object members in order).
    public static func serialize(_ v: JSONValue, to out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                serialize(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, m) in o.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                serialize(m.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func serialize(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        serialize(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONWriter {
    /// Serializes with two-space indentation (for files people read, such as the manifest).
    public static func pretty(_ v: JSONValue, indent: Int = 0, to out: inout [UInt8]) {
        func pad(_ n: Int) { out.append(contentsOf: [UInt8](repeating: 0x20, count: n)) }
        switch v {
        case .array(let items) where !items.isEmpty:
            out.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                pad(indent + 2)
                pretty(item, indent: indent + 2, to: &out)
                out.append(contentsOf: (i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            pad(indent); out.append(UInt8(ascii: "]"))
        case .object(let o) where !o.members.isEmpty:
            out.append(contentsOf: "{\n".utf8)
            for (i, m) in o.members.enumerated() {
                pad(indent + 2)
                appendString(m.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                pretty(m.value, indent: indent + 2, to: &out)
                out.append(contentsOf: (i + 1 < o.members.count ? ",\n" : "\n").utf8)
            }
            pad(indent); out.append(UInt8(ascii: "}"))
        default:
            serialize(v, to: &out)
        }
    }
}
