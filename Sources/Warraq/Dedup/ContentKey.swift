/// A content hash (`content_hash`: 64 hex digits of SHA-256) as 16 bytes, the key of the exact-duplicate index. A
/// string that is not 64 hex digits (a kept shard written by another tool) is keyed by its own SHA-256.
struct ContentKey: Hashable {
    let high: UInt64, low: UInt64

    init(_ hash: String) {
        // SHA-256's hex digest always parses.
        (high, low) = Self.parse(hash) ?? Self.parse(SHA256.hex(of: hash)) ?? (0, 0)
    }

    /// The first 32 of 64 lowercase hex digits as two numbers; nil for anything else.
    private static func parse(_ hash: String) -> (UInt64, UInt64)? {
        guard hash.utf8.count == 64 else { return nil }
        var parts: (UInt64, UInt64) = (0, 0)
        for (i, c) in hash.utf8.enumerated() {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            default: return nil
            }
            if i < 16 { parts.0 = parts.0 << 4 | UInt64(v) } else if i < 32 { parts.1 = parts.1 << 4 | UInt64(v) }
        }
        return parts
    }
}
