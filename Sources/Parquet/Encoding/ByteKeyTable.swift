/// An open-addressing hash table from byte strings to dense indices `0..<count`, in insertion order.
/// Keys are copied into one flat buffer; lookups allocate nothing. The dictionary of a string column is one (its
/// keys are the dictionary page). It serves any set of byte strings compared byte for byte, where a
/// `Dictionary<String, …>`, which hashes by canonical equivalence, is too slow for a lookup per value.
public struct ByteKeyTable: Sendable {
    /// The keys back to back; key `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var offsets: [Int32] = [0]
    @usableFromInline var hashes: [UInt32] = []
    /// Entry index + 1 per slot; 0 is empty.
    @usableFromInline var slots: [Int32]
    @usableFromInline var mask: Int

    /// A table sized for about `capacity` keys before it grows.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        bytes.reserveCapacity(capacity * 12)
        offsets.reserveCapacity(capacity + 1)
        hashes.reserveCapacity(capacity)
    }

    /// A table of `keys`; key `i` gets index `i` unless it repeats an earlier one.
    public init(_ keys: some Sequence<[UInt8]>) {
        self.init()
        for k in keys { insert(k) }
    }

    public var count: Int { hashes.count }

    /// Bytes in all keys together.
    public var byteCount: Int { bytes.count }

    /// A filter of the keys' hashes (16 bits a key, at least 64 Kbit): a hash it rules out is no key's,
    /// without a probe of the (larger) table. For big tables looked up mostly in vain.
    public func filter() -> HashFilter { HashFilter(hashes) }

    /// The bytes of key `i`.
    public func key(_ i: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[i])..<Int(offsets[i + 1])] }

    /// The index of `key`, or nil.
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? { index(of: key, hash: Self.hash(key)) }

    /// The index of `key` whose `ByteKeyTable.hash` is `h`, or nil.
    @inlinable
    public func index(of key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int? {
        let p = probe(key, h)
        return p >= 0 ? p : nil
    }

    public func index(of key: [UInt8]) -> Int? { key.withUnsafeBufferPointer { index(of: $0) } }

    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { index(of: key) != nil }

    @inlinable
    public func contains(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Bool { probe(key, hash) >= 0 }

    /// The index of `key`, inserting it if it is new.
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        insert(key, hash: Self.hash(key))
    }

    /// Like `insert(_:)`, for a key whose hash is known.
    @inlinable @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> (index: Int, inserted: Bool) {
        let p = probe(key, h)
        if p >= 0 { return (p, false) }
        let slot = -1 - p
        let index = hashes.count
        bytes.append(contentsOf: key)
        offsets.append(Int32(bytes.count))
        hashes.append(h)
        slots[slot] = Int32(index + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// Where `key` is: its index (0 or more), or -1 − the empty slot it would take.
    @inlinable @inline(__always)
    func probe(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt32) -> Int {
        var slot = Int(h) & mask
        // Safety: `offsets` are the ends of the keys appended to `bytes`, so every entry lies within `all`.
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let e = Int(slots[slot])
                if e == 0 { return -1 - slot }
                if hashes[e - 1] == h && Self.equal(all, Int(offsets[e - 1]), Int(offsets[e]), key) { return e - 1 }
                slot = (slot + 1) & mask
            }
        }
    }

    @discardableResult
    public mutating func insert(_ key: [UInt8]) -> (index: Int, inserted: Bool) {
        key.withUnsafeBufferPointer { insert($0) }
    }

    @usableFromInline
    mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: 0, count: size)
        let m = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(h) & m
            while fresh[slot] != 0 { slot = (slot + 1) & m }
            fresh[slot] = Int32(i + 1)
        }
        slots = fresh
        mask = m
    }

    @inlinable @inline(__always)
    static func equal(_ all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ key: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        let n = key.count
        guard end - start == n else { return false }
        guard n > 0 else { return true }
        // Safety: `start..<end` is within `all` (the caller's entry) and has `n` bytes, as `key` has; every load
        // below reads 1 or 8 bytes at an offset `i` with `i + 1` or `i + 8` at most `n` (`n - 8 >= 0` past the guard).
        let a = UnsafeRawPointer(all.baseAddress! + start), b = UnsafeRawPointer(key.baseAddress!)
        guard n >= 8 else {
            for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self)
            { return false }
            return true
        }
        // 8 bytes at a time; the last 8 overlap the block before them.
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    /// A hash of 8 bytes at a time (words are short: one or two multiplications each).
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = bytes.count
        // Safety: loads of 1 byte at `i < n`, or 8 bytes at `i` with `i + 8 <= n` (and `n - 8 >= 0` when `n >= 8`).
        guard n > 0, let base = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        if n < 8 {
            var tail: UInt64 = 0
            for i in 0..<n { tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        } else {
            var i = 0
            while i + 8 <= n {
                h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            // The last 8 bytes, overlapping the last block.
            if i < n { h = (h ^ base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53 }
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// A Bloom filter over 32-bit hashes with two bits per key; see `ByteKeyTable.filter()`.
public struct HashFilter: Sendable {
    @usableFromInline var bits: [UInt64]
    /// log2 of the number of bits.
    @usableFromInline let width: UInt32

    init(_ hashes: [UInt32]) {
        var width: UInt32 = 16
        while (1 << width) < hashes.count * 16 && width < 24 { width += 1 }
        self.width = width
        bits = [UInt64](repeating: 0, count: (1 << Int(width)) / 64)
        for h in hashes {
            let (a, b) = positions(h)
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    /// Two bit positions from independent parts of the hash.
    @inlinable @inline(__always)
    func positions(_ h: UInt32) -> (Int, Int) {
        (Int(h >> (32 - width)), Int((h &* 0x9E37_79B1) >> (32 - width)))
    }

    /// False when no key has hash `h`.
    @inlinable @inline(__always)
    public func mayContain(_ h: UInt32) -> Bool {
        let (a, b) = positions(h)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
