/// Computes a column chunk's statistics: null count and min/max in the column's sort order,
/// PLAIN-encoded (strings unsigned-bytewise, truncated to a bounded length).
enum StatisticsBuilder {
    static func statistics(for column: ColumnData, nullCount: Int, truncateLength: Int) -> Statistics {
        var stats = Statistics(nullCount: Int64(nullCount))
        switch column.spec.type {
        case .int32, .date:
            if let lo = column.int32s.min(), let hi = column.int32s.max() {
                stats.minValue = le(lo); stats.maxValue = le(hi)
            }
        case .int64, .timestamp:
            if let lo = column.int64s.min(), let hi = column.int64s.max() {
                stats.minValue = le(lo); stats.maxValue = le(hi)
            }
        case .double:
            var lo = Double.infinity, hi = -Double.infinity, any = false
            for v in column.doubles where !v.isNaN {
                any = true
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
            if any {
                // The spec: a zero minimum is written as -0.0, a zero maximum as +0.0.
                if lo == 0 { lo = -0.0 }
                if hi == 0 { hi = 0.0 }
                stats.minValue = le(lo.bitPattern); stats.maxValue = le(hi.bitPattern)
            }
        case .bool:
            if !column.bools.isEmpty {
                stats.minValue = [column.bools.contains(false) ? 0 : 1]
                stats.maxValue = [column.bools.contains(true) ? 1 : 0]
            }
        case .string, .stringList:
            stringBounds(column, truncateLength: truncateLength, into: &stats)
        }
        return stats
    }

    private static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }

    private static func stringBounds(_ column: ColumnData, truncateLength: Int, into stats: inout Statistics) {
        let count = column.offsets.count - 1
        guard count > 0 else { return }
        column.bytes.withUnsafeBytes { all in
            let offsets = column.offsets
            func value(_ i: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
            }
            var lo = 0, hi = 0
            for i in 1..<count {
                let v = value(i)
                if compareBytes(v, value(lo)) < 0 { lo = i }
                if compareBytes(v, value(hi)) > 0 { hi = i }
            }
            let minBytes = Array(value(lo)), maxBytes = Array(value(hi))
            if minBytes.count <= truncateLength && maxBytes.count <= truncateLength {
                stats.minValue = minBytes; stats.maxValue = maxBytes
                return
            }
            guard let upper = roundedUpPrefix(maxBytes, limit: truncateLength) else { return }
            let lower = prefix(minBytes, limit: truncateLength)
            stats.minValue = lower; stats.maxValue = upper
            stats.isMinExact = lower.count == minBytes.count
            stats.isMaxExact = upper == maxBytes
        }
    }

    /// The longest prefix of at most `limit` bytes that ends on a UTF-8 character boundary.
    static func prefix(_ bytes: [UInt8], limit: Int) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        var end = limit
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }

    /// A string of at most `limit` bytes that sorts after every string starting with the
    /// truncated prefix: the prefix with its last character incremented (UTF-8 keeps code point order).
    static func roundedUpPrefix(_ bytes: [UInt8], limit: Int) -> [UInt8]? {
        guard bytes.count > limit else { return bytes }
        var scalars = Array(String(decoding: prefix(bytes, limit: limit), as: UTF8.self).unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }
            if let s = Unicode.Scalar(next) {
                scalars.append(s)
                let out = Array(String(String.UnicodeScalarView(scalars)).utf8)
                if out.count <= limit { return out }
                scalars.removeLast()
            }
        }
        return nil
    }
}

/// Compares byte strings in unsigned lexicographic order (Parquet's order for strings).
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
