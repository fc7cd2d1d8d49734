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
        var shingles: [UInt32] = []
        shingles.reserveCapacity(words.count - n + 1)
        // Bins hold the smallest high half of the shingles' hashes that fall into them; `UInt64.max` is empty.
        var bins = [UInt64](repeating: .max, count: k)
        for start in 0...(words.count - n) {
            // The words' hashes, each rotated by its place (so that order counts), summed, then mixed once.
            var h: UInt64 = 0x243F_6A88_85A3_08D3
            for k in 0..<n {
                let w = words[start + k], r = UInt64((k &* 13) & 63)
                h &+= (w << r) | (w >> (64 &- r))
            }
            h = mix(h)
            let bin = Int((UInt64(UInt32(truncatingIfNeeded: h)) &* UInt64(k)) >> 32)
            let value = h >> 32
            if value < bins[bin] { bins[bin] = value }
            shingles.append(UInt32(truncatingIfNeeded: value))
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
    public static func distinctSorted(_ shingles: [UInt32]) -> [UInt32] {
        var out = radixSorted(shingles)
        var kept = 0
        for v in out where kept == 0 || out[kept - 1] != v {
            out[kept] = v
            kept += 1
        }
        out.removeLast(out.count - kept)
        return out
    }

    /// `values` in ascending order, by four passes of a byte-wise counting sort (faster than comparisons for the few
    /// hundred random values of an article). The four histograms are counted in one pass over the values.
    static func radixSorted(_ values: [UInt32]) -> [UInt32] {
        guard values.count > 32 else { return values.sorted() }
        // Digit d's counts, then its start offsets, are `starts[d * 256 ..< d * 256 + 256]`.
        var starts = [Int](repeating: 0, count: 4 * 256)
        for v in values {
            starts[Int(v & 0xFF)] += 1
            starts[256 + Int((v >> 8) & 0xFF)] += 1
            starts[512 + Int((v >> 16) & 0xFF)] += 1
            starts[768 + Int(v >> 24)] += 1
        }
        for digit in 0..<4 {
            var total = 0
            for k in (digit * 256)..<(digit * 256 + 256) { (starts[k], total) = (total, total + starts[k]) }
        }
        var from = values, to = [UInt32](repeating: 0, count: values.count)
        for digit in 0..<4 {
            let shift = UInt32(digit * 8), base = digit * 256
            for v in from {
                let k = base + Int((v >> shift) & 0xFF)
                to[starts[k]] = v
                starts[k] += 1
            }
            swap(&from, &to)
        }
        return from
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
