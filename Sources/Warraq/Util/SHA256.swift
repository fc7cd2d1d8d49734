import CWarraqSHA

/// SHA-256 (FIPS 180-4), streaming: for content hashes, stable ids and the manifest's file checksums.
public struct SHA256 {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// The message schedule, kept between blocks so that hashing allocates nothing per block.
    private var schedule: [UInt32] = []

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// Whether blocks go to the CPU's SHA instructions (x86-64 SHA-NI), about five times as fast.
    private let hardware: Bool

    /// A hasher; `portable` keeps it off the CPU's SHA instructions (the tests compare both).
    public init(portable: Bool = false) {
        hardware = !portable && Self.hardwareAvailable
    }

    /// Whether this CPU has SHA instructions.
    public static let hardwareAvailable = warraq_sha256_hardware() == 1

    /// Safety: `block` points at 64 readable bytes (a full `pending` buffer, or a block inside `update`'s input);
    /// `state` is eight UInt32s in a row (a homogeneous tuple), as the C code reads and writes them.
    private mutating func compressBlock(_ block: UnsafeRawPointer) {
        if hardware {
            withUnsafeMutableBytes(of: &state) {
                warraq_sha256_blocks(
                    $0.baseAddress!.assumingMemoryBound(to: UInt32.self), block.assumingMemoryBound(to: UInt8.self), 1)
            }
        } else {
            compress(block)
        }
    }

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var i = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            i = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compressBlock($0.baseAddress!) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        // Safety: `blocks` whole blocks of 64 bytes start at `i` and end within `bytes`.
        let blocks = (bytes.count - i) / 64
        if blocks > 0 && hardware {
            withUnsafeMutableBytes(of: &state) { s in
                warraq_sha256_blocks(
                    s.baseAddress!.assumingMemoryBound(to: UInt32.self),
                    bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, blocks)
            }
            i += 64 * blocks
        }
        while i + 64 <= bytes.count {
            // Safety: `i + 64 <= bytes.count` (the loop's condition): a whole block.
            compress(bytes.baseAddress! + i)
            i += 64
        }
        if i < bytes.count { pending.append(contentsOf: bytes[i...]) }
    }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The digest as 32 bytes; the hasher must not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        // 0x80, zeros up to 56 bytes past a block boundary, then the length in bits (big-endian).
        let padding = (pending.count < 56 ? 56 : 120) - pending.count
        let savedLength = length
        // Safety: `tail` has `padding + 8` bytes; the writes are at 0 and at `padding + 0...7`.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padding + 8) { tail in
            tail.initialize(repeating: 0)
            tail[0] = 0x80
            for k in 0..<8 { tail[padding + k] = UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * k)) }
            update(UnsafeRawBufferPointer(tail))
        }
        length = savedLength
        precondition(pending.isEmpty)
        // Safety: the loads are of UInt32s at offsets 0, 4, …, 28 of the 32-byte `state`.
        return withUnsafeBytes(of: state) { words in
            (0..<32).map { i in words.load(fromByteOffset: (i / 4) * 4, as: UInt32.self) >> UInt32(24 - 8 * (i % 4)) }
                .map { UInt8(truncatingIfNeeded: $0) }
        }
    }

    /// The digest in lowercase hexadecimal.
    public mutating func finalizeHex() -> String { Warraq.hex(finalize()) }

    /// The hex digest of a whole buffer.
    public static func hex<S: Sequence>(of bytes: S) -> String where S.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    public static func hex(of string: String) -> String {
        var h = SHA256()
        var s = string
        s.withUTF8 { h.update(UnsafeRawBufferPointer($0)) }
        return h.finalizeHex()
    }

    @inline(__always)
    private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x &<< (32 - n)) }

    private mutating func compress(_ block: UnsafeRawPointer) {
        if schedule.isEmpty { schedule = [UInt32](repeating: 0, count: 64) }
        var words = schedule
        schedule = []  // unique ownership: the writes below stay in place
        defer { schedule = words }
        words.withUnsafeMutableBufferPointer { compress(block, $0) }
    }

    private mutating func compress(_ block: UnsafeRawPointer, _ w: UnsafeMutableBufferPointer<UInt32>) {
        Self.k.withUnsafeBufferPointer { k in
            let w = w.baseAddress!, k = k.baseAddress!
            for t in 0..<16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self)) }
            for t in 16..<64 {
                let x = w[t - 15], y = w[t - 2]
                let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            for t in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ ch &+ k[t] &+ w[t]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
            }
            state = (
                state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
                state.7 &+ h
            )
        }
    }
}

/// Lowercase hexadecimal of bytes.
public func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits: StaticString = "0123456789abcdef"
    let bytes = Array(bytes)
    // Safety: writes at `2 * i` and `2 * i + 1` for `i < bytes.count`, in a buffer of `2 * bytes.count`.
    return String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
        digits.withUTF8Buffer { d in
            for (i, b) in bytes.enumerated() { out[2 * i] = d[Int(b >> 4)]; out[2 * i + 1] = d[Int(b & 15)] }
        }
        return 2 * bytes.count
    }
}
