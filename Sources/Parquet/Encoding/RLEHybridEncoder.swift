/// Encodes unsigned values with the RLE/bit-packed hybrid (Encodings.md), as used for
/// definition/repetition levels and dictionary indices.
///
/// Runs of 8 or more equal values (or a run that reaches the end) become RLE runs; everything
/// else is bit-packed in groups of 8. Only the very last group is padded.
struct RLEHybridEncoder {
    let bitWidth: Int

    init(bitWidth: Int) {
        precondition(bitWidth >= 0 && bitWidth <= 32)
        self.bitWidth = bitWidth
    }

    /// Appends the encoding of `values` to `out`.
    func encode<C: RandomAccessCollection>(_ values: C, into out: inout [UInt8])
    where C.Element: FixedWidthInteger, C.Index == Int {
        let n = values.endIndex
        var i = values.startIndex
        let valueBytes = (bitWidth + 7) / 8
        while i < n {
            let run = runLength(values, at: i)
            if run >= 8 || i + run == n {
                appendVarint(UInt64(run) << 1, to: &out)
                var v = UInt64(values[i])
                for _ in 0..<valueBytes { out.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
                i += run
                continue
            }
            let start = i
            var groups = 0
            while i < n {
                i += 8
                groups += 1
                if i >= n || runLength(values, at: i) >= 8 { break }
            }
            appendVarint(UInt64(groups) << 1 | 1, to: &out)
            packGroups(values, from: start, to: min(i, n), groups: groups, into: &out)
            i = min(i, n)
        }
    }

    @inline(__always)
    private func runLength<C: RandomAccessCollection>(_ values: C, at i: Int) -> Int
    where C.Element: FixedWidthInteger, C.Index == Int {
        let first = values[i]
        var j = i + 1
        while j < values.endIndex && values[j] == first { j += 1 }
        return j - i
    }

    private func packGroups<C: RandomAccessCollection>(
        _ values: C, from start: Int, to end: Int, groups: Int, into out: inout [UInt8]
    ) where C.Element: FixedWidthInteger, C.Index == Int {
        guard bitWidth > 0 else { return }
        var buffer: UInt64 = 0
        var bits = 0
        let total = groups * 8
        for k in 0..<total {
            let idx = start + k
            let v = idx < end ? UInt64(values[idx]) : 0
            buffer |= v << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
    }
}

@inline(__always)
func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
    out.append(UInt8(v))
}
