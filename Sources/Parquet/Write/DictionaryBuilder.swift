/// Builds a column chunk's dictionary and the RLE_DICTIONARY indices of its pages.
struct DictionaryBuilder {
    let type: ColumnType
    private var strings = ByteKeyTable(capacity: 1024)
    private var fixed: [UInt64: Int32] = [:]
    private var fixedValues: [UInt64] = []

    init(type: ColumnType) { self.type = type }

    var count: Int {
        switch type {
        case .string, .stringList: return strings.count
        default: return fixedValues.count
        }
    }

    /// Bytes the dictionary page holds (before compression).
    var byteSize: Int {
        switch type {
        case .string, .stringList: return strings.byteCount + 4 * strings.count
        case .int32, .date: return 4 * fixedValues.count
        default: return 8 * fixedValues.count
        }
    }

    /// Adds the column's values in `values` to the dictionary and appends their indices:
    /// one byte of bit width, then the RLE/bit-packed hybrid.
    mutating func appendIndices(of column: ColumnData, values: Range<Int>, to body: inout [UInt8]) {
        var indices: [Int32] = []
        indices.reserveCapacity(values.count)
        switch type {
        case .string, .stringList:
            column.bytes.withUnsafeBytes { all in
                for i in values {
                    let v = UnsafeRawBufferPointer(rebasing: all[column.offsets[i]..<column.offsets[i + 1]])
                    indices.append(Int32(strings.insert(v.assumingMemoryBound(to: UInt8.self)).index))
                }
            }
        case .int32, .date:
            for v in column.int32s[values] { indices.append(fixedIndex(UInt64(UInt32(bitPattern: v)))) }
        case .int64, .timestamp:
            for v in column.int64s[values] { indices.append(fixedIndex(UInt64(bitPattern: v))) }
        case .double:
            for v in column.doubles[values] { indices.append(fixedIndex(v.bitPattern)) }
        case .bool:
            preconditionFailure("booleans are not dictionary-encoded")
        }
        let width = bitWidth(forMax: UInt64(max(count - 1, 0)))
        body.append(UInt8(width))
        RLEHybridEncoder(bitWidth: width).encode(indices, into: &body)
    }

    private mutating func fixedIndex(_ bits: UInt64) -> Int32 {
        if let i = fixed[bits] { return i }
        let i = Int32(fixedValues.count)
        fixed[bits] = i
        fixedValues.append(bits)
        return i
    }

    /// The dictionary page body: every entry PLAIN-encoded in index order.
    func plainPage() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(byteSize)
        switch type {
        case .string, .stringList:
            for i in 0..<strings.count {
                let start = Int(strings.offsets[i]), end = Int(strings.offsets[i + 1])
                out.appendLittleEndian(UInt32(end - start))
                out.append(contentsOf: strings.bytes[start..<end])
            }
        case .int32, .date:
            for v in fixedValues { out.appendLittleEndian(UInt32(truncatingIfNeeded: v)) }
        default:
            for v in fixedValues { out.appendLittleEndian(v) }
        }
        return out
    }
}
