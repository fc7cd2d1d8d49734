/// An insertion-ordered set of byte strings with their dictionary indices, stored flat:
/// one byte buffer, one offsets array, and an open-addressing hash table of indices.
struct ByteArrayDictionary {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count - 1 }
    var byteCount: Int { bytes.count }

    /// The index of `value` (given as a range of `source`), inserting it if new.
    mutating func index(of source: UnsafeRawBufferPointer) -> Int32 {
        let h = hashBytes(source)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let idx = slots[slot]
            if idx < 0 { break }
            let i = Int(idx)
            if hashes[i] == h && equals(i, source) { return idx }
            slot = (slot + 1) & mask
        }
        let newIndex = Int32(count)
        slots[slot] = newIndex
        hashes.append(h)
        bytes.append(contentsOf: source)
        offsets.append(bytes.count)
        if count * 2 > slots.count { grow() }
        return newIndex
    }

    private func equals(_ i: Int, _ source: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[i], end = offsets[i + 1]
        guard end - start == source.count else { return false }
        if source.count == 0 { return true }
        return bytes.withUnsafeBytes { all in
            memcmpBytes(all.baseAddress! + start, source.baseAddress!, source.count)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}

/// True when two byte ranges are equal.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// Compares byte strings in unsigned lexicographic order (Parquet's order for strings).
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// A fast 64-bit hash over bytes, 8 at a time (not for security; for the dictionary table).
@inline(__always)
func hashBytes(_ source: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(source.count)
    var i = 0
    let n = source.count
    while i + 8 <= n {
        let k = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ k) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n { tail |= UInt64(source[i]) << shift; shift += 8; i += 1 }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
    return h
}
