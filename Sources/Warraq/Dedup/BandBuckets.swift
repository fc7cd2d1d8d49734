/// The band buckets of the near-duplicate index: from an LSH band key to the newest row in its bucket and the
/// bucket's size. An open-addressing table of 16-byte entries, probed linearly: band keys are already 64-bit hashes,
/// so a key is placed by one multiplication, where a `Dictionary` hashes it again with SipHash (the lookups run on
/// the run's in-order thread, 40 a row). It grows by doubling at three quarters full, as a `Dictionary` does.
struct BandBuckets {
    struct Bucket {
        /// The newest row in the bucket.
        var head: Int32
        var size: Int32
    }
    private struct Entry {
        var key: UInt64
        /// A size of 0 marks an empty slot.
        var bucket: Bucket
    }
    private var entries: [Entry]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        entries = Array(repeating: Entry(key: 0, bucket: Bucket(head: -1, size: 0)), count: 1024)
        shift = 64 - 10
    }

    /// The bucket of `key`, if a row has been added to it.
    func bucket(_ key: UInt64) -> Bucket? {
        let e = entries[slot(of: key)]
        return e.bucket.size > 0 ? e.bucket : nil
    }

    /// Makes `row` the head of `key`'s bucket and returns the head before it (-1 for a new bucket); returns nil and
    /// changes nothing when the bucket already holds `limit` rows.
    mutating func push(_ row: Int32, key: UInt64, limit: Int32) -> Int32? {
        let s = slot(of: key)
        var bucket = entries[s].bucket
        if bucket.size == 0 {
            entries[s] = Entry(key: key, bucket: Bucket(head: row, size: 1))
            count += 1
            if count * 4 > entries.count * 3 { grow() }
            return -1
        }
        guard bucket.size < limit else { return nil }
        let previous = bucket.head
        bucket.head = row
        bucket.size += 1
        entries[s].bucket = bucket
        return previous
    }

    /// The slot that holds `key`, or the empty slot where it would go.
    private func slot(of key: UInt64) -> Int {
        let mask = entries.count - 1
        // Fibonacci hashing: the top bits of the key times 2⁶⁴/φ.
        var s = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while entries[s].bucket.size > 0 && entries[s].key != key { s = (s + 1) & mask }
        return s
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(key: 0, bucket: Bucket(head: -1, size: 0)), count: old.count * 2)
        shift -= 1
        for e in old where e.bucket.size > 0 { entries[slot(of: e.key)] = e }
    }
}
