/// Reading numbers written in ASCII digits.
enum ASCIIDigits {
    /// The value of 1 to 9 ASCII digits, or nil for anything else (so that it never overflows).
    static func value(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
