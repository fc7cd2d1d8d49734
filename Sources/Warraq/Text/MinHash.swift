import Foundation

/// How near-duplicate signatures are made: word `shingle`-grams of a text, and `bands` × `rows` MinHash values.
public struct MinHashParameters: Sendable, Equatable, Codable {
    /// Words per shingle.
    public var shingle: Int
    /// LSH bands: two texts are candidates when all `rows` values of one band agree.
    public var bands: Int
    public var rows: Int

    public init(shingle: Int = 5, bands: Int = 20, rows: Int = 5) {
        self.shingle = shingle; self.bands = bands; self.rows = rows
    }

    /// The number of MinHash values.
    var values: Int { bands * rows }

    /// The probability that two texts of Jaccard similarity `j` share a band: 1 − (1 − jʳ)ᵇ.
    public func candidateProbability(_ j: Double) -> Double {
        1 - pow(1 - pow(j, Double(rows)), Double(bands))
    }
}

/// A document's near-duplicate signature: the keys of its LSH band buckets, and the fingerprints of its shingles
/// (for the exact Jaccard check of a candidate pair).
public struct MinHashSignature: Sendable, Equatable {
    /// One key per band; the band's index is mixed in, so keys of different bands never meet.
    public var bandKeys: [UInt64]
    /// The 32-bit fingerprints of the shingles, distinct and ascending (`distinctSorted`): the set `jaccard` compares.
    public var shingles: [UInt32]
}

/// MinHash signatures by one-permutation hashing: each shingle is hashed once (64 bits, the same on every machine);
/// the hash picks one of `bands × rows` bins and the bin keeps the smallest value; empty bins are filled by optimal
/// densification (Shrivastava, ICML 2017), so that two texts agree in any one bin with probability equal to their
/// Jaccard similarity, as with `bands × rows` independent permutations, at the cost of one hash per shingle.
///
/// Words are the runs between ASCII white space of the text as given (`text_normalized`); a text of fewer words
/// than a shingle has one shingle, all its words. `Tests/bench/near_dup_eval.py` computes the same shingles.
public enum MinHash {
    /// The signature of `text`, nil when it has no words.
    public static func signature(of text: String, _ p: MinHashParameters) -> MinHashSignature? {
        let words = wordHashes(text)
        guard !words.isEmpty else { return nil }
        let n = min(max(1, p.shingle), words.count)
        let k = p.values
        let count = words.count - n + 1
        var shingles = [UInt32](repeating: 0, count: count)
        // Bins hold the smallest high half of the shingles' hashes that fall into them; `UInt64.max` is empty.
        var bins = [UInt64](repeating: .max, count: k)
        do {
            let words = words.span
            var shingleOut = shingles.mutableSpan, binOut = bins.mutableSpan
            for start in 0..<count {
                // The words' hashes, each rotated by its place (so that order counts), summed, then mixed once.
                var h: UInt64 = 0x243F_6A88_85A3_08D3
                for j in 0..<n {
                    let w = words[start + j], r = UInt64((j &* 13) & 63)
                    h &+= (w << r) | (w >> (64 &- r))
                }
                h = mix(h)
                let bin = Int((UInt64(UInt32(truncatingIfNeeded: h)) &* UInt64(k)) >> 32)
                let value = h >> 32
                if value < binOut[bin] { binOut[bin] = value }
                shingleOut[start] = UInt32(truncatingIfNeeded: value)
            }
        }
        densify(&bins)
        var keys: [UInt64] = []
        keys.reserveCapacity(p.bands)
        for band in 0..<p.bands {
            var key = mix(0x1319_8A2E_0370_7344 &+ UInt64(band))
            for r in 0..<p.rows { key = mix(key ^ bins[band * p.rows + r]) }
            keys.append(key)
        }
        return MinHashSignature(bandKeys: keys, shingles: distinctSorted(shingles))
    }

    /// Fills each empty bin with the value of a non-empty bin chosen by a hash of (bin, attempt): the same choice in
    /// every text, so that an empty bin of two texts copies the same bin of each.
    private static func densify(_ bins: inout [UInt64]) {
        let filled = bins.map { $0 != .max }
        guard filled.contains(true), filled.contains(false) else { return }
        let k = UInt64(bins.count)
        for j in bins.indices where !filled[j] {
            var attempt: UInt64 = 1
            while true {
                let pick = Int(((mix(UInt64(j) &* 0x9E37_79B9 &+ attempt) >> 32) &* k) >> 32)
                if filled[pick] { bins[j] = bins[pick]; break }
                attempt &+= 1
            }
        }
    }

    /// The 64-bit hash of each word of `text` (FNV-1a over its bytes, then mixed), in order.
    static func wordHashes(_ text: String) -> [UInt64] {
        let bytes = text.utf8.span
        var out: [UInt64] = []
        out.reserveCapacity(bytes.count / 6)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for i in bytes.indices {
            let b = bytes[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                if inWord { out.append(mix(h)); h = 0xCBF2_9CE4_8422_2325; inWord = false }
            } else {
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                inWord = true
            }
        }
        if inWord { out.append(mix(h)) }
        return out
    }

    /// SplitMix64's finalizer: every input bit moves every output bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The distinct fingerprints of a list, in ascending order: the form `jaccard` compares.
    ///
    /// Fingerprints are hash values, spread evenly over 32 bits, so they are dealt into about `count / 4` buckets by
    /// their top bits (one counting pass, one scatter pass) and each bucket, a few values, is sorted by insertion. A
    /// bucket that gets many values (one fingerprint repeated, or values made to collide) is sorted by the standard
    /// library's sort instead, so no input makes it quadratic.
    public static func distinctSorted(_ values: [UInt32]) -> [UInt32] {
        let n = values.count
        var sorted: [UInt32]
        if n <= 64 {
            sorted = values.sorted()
        } else {
            var bits = 4
            while bits < 16 && (4 << bits) < n { bits += 1 }
            let shift = UInt32(32 - bits), buckets = 1 << bits
            // Bucket b is `sorted[starts[b] ..< starts[b + 1]]`; the scatter puts its next value at `next[b]`.
            var starts = [Int](repeating: 0, count: buckets + 1)
            for v in values { starts[Int(v >> shift) + 1] += 1 }
            for b in 0..<buckets { starts[b + 1] += starts[b] }
            var next = starts
            sorted = [UInt32](repeating: 0, count: n)
            var out = sorted.mutableSpan
            for v in values {
                let b = Int(v >> shift)
                out[next[b]] = v
                next[b] += 1
            }
            for b in 0..<buckets {
                let lo = starts[b], hi = starts[b + 1]
                if hi - lo > 32 {
                    var bucket = (lo..<hi).map { out[$0] }
                    bucket.sort()
                    for (j, v) in bucket.enumerated() { out[lo + j] = v }
                    continue
                }
                var i = lo + 1
                while i < hi {
                    let v = out[i]
                    var j = i
                    while j > lo && out[j - 1] > v { out[j] = out[j - 1]; j -= 1 }
                    out[j] = v
                    i += 1
                }
            }
        }
        var kept = 0
        do {
            var out = sorted.mutableSpan
            for i in out.indices where kept == 0 || out[kept - 1] != out[i] {
                out[kept] = out[i]
                kept += 1
            }
        }
        sorted.removeLast(n - kept)
        return sorted
    }

    /// The Jaccard similarity of two sets given as `distinctSorted` lists: shared / (|x| + |y| − shared).
    public static func jaccard(_ x: [UInt32], _ y: [UInt32]) -> Double {
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { common += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(x.count + y.count - common)
    }
}
