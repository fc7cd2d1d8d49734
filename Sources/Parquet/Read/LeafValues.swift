/// The decoded non-null values of one leaf column, densely, in flat arrays by physical type.
struct LeafValues {
    let type: PhysicalType
    /// Bytes per value of FIXED_LEN_BYTE_ARRAY (12 for INT96).
    let width: Int
    var bools: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 values.
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]

    init(type: PhysicalType, typeLength: Int32?) {
        self.type = type
        switch type {
        case .int96: width = 12
        case .fixedLenByteArray: width = Int(typeLength ?? 0)
        default: width = 0
        }
    }

    var count: Int {
        switch type {
        case .boolean: return bools.count
        case .int32: return int32s.count
        case .int64: return int64s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .byteArray, .fixedLenByteArray, .int96: return offsets.count - 1
        }
    }

    func byteValue(_ i: Int) -> ArraySlice<UInt8> { bytes[offsets[i]..<offsets[i + 1]] }

    /// Appends `count` PLAIN-encoded values from `data[start..<end]`; returns where they end.
    ///
    /// Safety: callers pass `end <= data.count`, and `count` is at most `ColumnChunkReader.maxPageValues` (so
    /// `count * width` cannot overflow); every load and slice below comes after a guard that it ends by `end`.
    mutating func appendPlain(_ data: UnsafeRawBufferPointer, start: Int, end: Int, count: Int, column: String)
        throws(ParquetError) -> Int
    {
        func short() -> ParquetError { .corruptData("column \(column): PLAIN values run past the end of the page") }
        var p = start
        switch type {
        case .boolean:
            guard (count + 7) / 8 <= end - p else { throw short() }
            bools.reserveCapacity(bools.count + count)
            for i in 0..<count { bools.append((data[p + i >> 3] >> UInt8(i & 7)) & 1 == 1) }
            return p + (count + 7) / 8
        case .int32:
            guard count * 4 <= end - p else { throw short() }
            int32s.reserveCapacity(int32s.count + count)
            for i in 0..<count {
                int32s.append(Int32(littleEndian: data.loadUnaligned(fromByteOffset: p + 4 * i, as: Int32.self)))
            }
            return p + 4 * count
        case .int64:
            guard count * 8 <= end - p else { throw short() }
            int64s.reserveCapacity(int64s.count + count)
            for i in 0..<count {
                int64s.append(Int64(littleEndian: data.loadUnaligned(fromByteOffset: p + 8 * i, as: Int64.self)))
            }
            return p + 8 * count
        case .float:
            guard count * 4 <= end - p else { throw short() }
            for i in 0..<count {
                floats.append(
                    Float(
                        bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: p + 4 * i, as: UInt32.self))
                    ))
            }
            return p + 4 * count
        case .double:
            guard count * 8 <= end - p else { throw short() }
            doubles.reserveCapacity(doubles.count + count)
            for i in 0..<count {
                doubles.append(
                    Double(
                        bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: p + 8 * i, as: UInt64.self))
                    ))
            }
            return p + 8 * count
        case .fixedLenByteArray, .int96:
            guard width == 0 || count <= (end - p) / width else { throw short() }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[p..<(p + count * width)]))
            var o = offsets[offsets.count - 1]
            for _ in 0..<count { o += width; offsets.append(o) }
            return p + count * width
        case .byteArray:
            // Each value takes at least its 4-byte length.
            guard count <= (end - p) / 4 else { throw short() }
            offsets.reserveCapacity(offsets.count + count)
            for _ in 0..<count {
                guard end - p >= 4 else { throw short() }
                let length = Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: p, as: UInt32.self)))
                p += 4
                guard length <= end - p else { throw short() }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[p..<(p + length)]))
                offsets.append(bytes.count)
                p += length
            }
            return p
        }
    }

    /// Appends the dictionary entries named by `indices`.
    mutating func appendFromDictionary(_ dictionary: LeafValues, indices: [UInt32], column: String) throws(ParquetError)
    {
        let n = UInt32(dictionary.count)
        for i in indices where i >= n {
            throw .corruptData("column \(column): dictionary index \(i) out of range (dictionary has \(n) entries)")
        }
        switch type {
        case .boolean: for i in indices { bools.append(dictionary.bools[Int(i)]) }
        case .int32: for i in indices { int32s.append(dictionary.int32s[Int(i)]) }
        case .int64: for i in indices { int64s.append(dictionary.int64s[Int(i)]) }
        case .float: for i in indices { floats.append(dictionary.floats[Int(i)]) }
        case .double: for i in indices { doubles.append(dictionary.doubles[Int(i)]) }
        case .byteArray, .fixedLenByteArray, .int96:
            offsets.reserveCapacity(offsets.count + indices.count)
            for i in indices {
                bytes.append(contentsOf: dictionary.byteValue(Int(i)))
                offsets.append(bytes.count)
            }
        }
    }

    /// Appends `count` BYTE_STREAM_SPLIT values (floats, doubles, ints, fixed-length bytes).
    mutating func appendByteStreamSplit(
        _ data: UnsafeRawBufferPointer, start: Int, end: Int, count: Int, column: String
    ) throws(ParquetError) {
        let w: Int
        switch type {
        case .int32, .float: w = 4
        case .int64, .double: w = 8
        case .fixedLenByteArray: w = width
        default: throw .unsupported("BYTE_STREAM_SPLIT for \(type) in column \(column)")
        }
        guard w > 0, count * w <= end - start else {
            throw .corruptData("column \(column): BYTE_STREAM_SPLIT data too short")
        }
        // Safety: `count * w <= end - start` (the guard), so `start + b * count + i < end` for every read.
        var plain = [UInt8](repeating: 0, count: count * w)
        for i in 0..<count { for b in 0..<w { plain[i * w + b] = data[start + b * count + i] } }
        _ = try plain.withBytes { (raw) throws(ParquetError) in
            try appendPlain(raw, start: 0, end: raw.count, count: count, column: column)
        }
    }
}
