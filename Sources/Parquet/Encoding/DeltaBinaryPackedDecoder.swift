/// Decodes DELTA_BINARY_PACKED integers (Encodings.md), for INT32 and INT64 columns written by others.
///
/// Safety: `data` is lent by the caller for the decoder's life with `end <= data.count`; every read is below `end`,
/// checked before each header byte, bit-width list and miniblock.
struct DeltaBinaryPackedDecoder {
    private let data: UnsafeRawBufferPointer
    private(set) var position: Int
    private let end: Int

    init(_ data: UnsafeRawBufferPointer, start: Int, end: Int) {
        self.data = data
        // Clamped to the buffer, so that the reads' checks against `end` keep them inside `data`.
        self.end = min(max(end, 0), data.count)
        self.position = min(max(start, 0), self.end)
    }

    private mutating func uvarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .corruptData("DELTA_BINARY_PACKED: header runs past the end") }
            let b = data[position]; position += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw .corruptData("DELTA_BINARY_PACKED: varint too long") }
        }
    }

    private mutating func zigzag() throws(ParquetError) -> Int64 {
        let v = try uvarint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    /// Decodes up to `count` values (the page's non-null count) as Int64, wrapping as the spec says.
    mutating func decode(count: Int) throws(ParquetError) -> [Int64] {
        let blockSize = try uvarint()
        let miniblocks = try uvarint()
        let total = try uvarint()
        var last = try zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20,
            miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0
        else {
            throw .corruptData("DELTA_BINARY_PACKED: invalid block size \(blockSize) / \(miniblocks) miniblocks")
        }
        guard total >= UInt64(count) else {
            throw .corruptData("DELTA_BINARY_PACKED: \(total) values, page needs \(count)")
        }
        let valuesPerMini = Int(blockSize / miniblocks)
        var out: [Int64] = []
        out.reserveCapacity(count)
        if count == 0 { return out }
        out.append(last)
        while out.count < count {
            let minDelta = try zigzag()
            guard position + Int(miniblocks) <= end else {
                throw .corruptData("DELTA_BINARY_PACKED: bit widths run past the end")
            }
            let widths = (0..<Int(miniblocks)).map { data[position + $0] }
            position += Int(miniblocks)
            for w in widths {
                guard out.count < count else { break }
                let width = Int(w)
                guard width <= 64 else { throw .corruptData("DELTA_BINARY_PACKED: bit width \(width)") }
                let bytes = valuesPerMini * width / 8
                guard position + bytes <= end else {
                    throw .corruptData("DELTA_BINARY_PACKED: miniblock runs past the end")
                }
                var bitPos = 0
                for _ in 0..<valuesPerMini {
                    var delta: UInt64 = 0
                    for b in 0..<width {
                        let p = bitPos + b
                        let bit = (UInt64(data[position + p >> 3]) >> UInt64(p & 7)) & 1
                        delta |= bit << UInt64(b)
                    }
                    bitPos += width
                    if out.count < count {
                        last = last &+ minDelta &+ Int64(bitPattern: delta)
                        out.append(last)
                    }
                }
                position += bytes
            }
        }
        return out
    }
}
