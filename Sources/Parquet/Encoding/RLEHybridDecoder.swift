/// Decodes the RLE/bit-packed hybrid encoding with every run checked against the input's end.
///
/// Safety: `data` is lent by the caller for the decoder's life; `end <= data.count` (checked in `init`), and every
/// read is at an index below `end`, checked before the run is read (`neededBytes <= available`).
struct RLEHybridDecoder {
    private let data: UnsafeRawBufferPointer
    private var position: Int
    private let end: Int
    let bitWidth: Int
    private let what: String

    /// - Parameters:
    ///   - data: the buffer holding the encoded runs (from `start` to `end`).
    ///   - bitWidth: bits per value, 0...32.
    ///   - what: what is decoded ("definition levels", "dictionary indices"), for errors.
    init(_ data: UnsafeRawBufferPointer, start: Int, end: Int, bitWidth: Int, what: String) throws(ParquetError) {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw .corruptData("\(what): bit width \(bitWidth) is out of range 0...32")
        }
        guard start >= 0, start <= end, end <= data.count else { throw .corruptData("\(what): bounds out of range") }
        self.data = data
        self.position = start
        self.end = end
        self.bitWidth = bitWidth
        self.what = what
    }

    private mutating func varint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .corruptData("\(what): run header runs past the end of the data") }
            let b = data[position]; position += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw .corruptData("\(what): run header too long") }
        }
    }

    /// Decodes exactly `count` values into `out` (appending).
    /// - Throws: `corruptData` if the runs end before `count` values.
    mutating func decode<T: FixedWidthInteger>(count: Int, into out: inout [T]) throws(ParquetError) {
        out.reserveCapacity(out.count + count)
        var remaining = count
        let maxValue = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
        guard UInt64(T.max) >= maxValue || T.bitWidth >= 64 else {
            throw .corruptData("\(what): bit width \(bitWidth) is too wide")
        }
        while remaining > 0 {
            let header = try varint()
            if header & 1 == 0 {
                let run64 = header >> 1
                guard run64 > 0 else { throw .corruptData("\(what): RLE run of length 0") }
                let valueBytes = (bitWidth + 7) / 8
                guard position + valueBytes <= end else { throw .corruptData("\(what): RLE value runs past the end") }
                var v: UInt64 = 0
                for k in 0..<valueBytes { v |= UInt64(data[position + k]) << UInt64(8 * k) }
                position += valueBytes
                guard v <= maxValue else { throw .corruptData("\(what): RLE value \(v) wider than \(bitWidth) bits") }
                let take = Int(min(run64, UInt64(remaining)))
                out.append(contentsOf: repeatElement(T(truncatingIfNeeded: v), count: take))
                remaining -= take
            } else {
                let groups64 = header >> 1
                guard groups64 > 0 else { throw .corruptData("\(what): bit-packed run of 0 groups") }
                // The byte count of the whole run must be in the buffer (the last run may be cut short).
                let available = UInt64(end - position)
                let runBytes64 = groups64 * UInt64(bitWidth)  // 8 values * bitWidth bits / 8
                let values64 = groups64 * 8
                let takeValues = Int(min(values64, UInt64(remaining)))
                let neededBytes = (takeValues * bitWidth + 7) / 8
                guard UInt64(neededBytes) <= available else {
                    throw .corruptData("\(what): bit-packed run runs past the end of the data")
                }
                var buffer: UInt64 = 0
                var bits = 0
                var p = position
                for _ in 0..<takeValues {
                    while bits < bitWidth {
                        buffer |= UInt64(data[p]) << UInt64(bits)
                        p += 1
                        bits += 8
                    }
                    out.append(T(truncatingIfNeeded: buffer & maxValue))
                    buffer = bitWidth == 64 ? 0 : buffer >> UInt64(bitWidth)
                    bits -= bitWidth
                }
                remaining -= takeValues
                position += Int(min(runBytes64, available))
            }
        }
    }
}
