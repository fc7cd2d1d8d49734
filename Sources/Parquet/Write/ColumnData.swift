/// The buffered values of one column for the rows not yet written, in flat arrays.
///
/// Levels are kept only where the column needs them (nullable columns and lists); values are
/// kept dense (nulls have no slot). Strings live in one byte buffer with offsets.
public struct ColumnData: Sendable {
    public let spec: ColumnSpec
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var doubles: [Double] = []
    var bools: [Bool] = []
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    /// Rows appended so far.
    public private(set) var rowCount = 0

    public init(spec: ColumnSpec) {
        self.spec = spec
    }

    /// Bytes the buffered values take (what row groups are cut by).
    public var byteSize: Int {
        definitionLevels.count + repetitionLevels.count + int32s.count * 4 + int64s.count * 8
            + doubles.count * 8 + bools.count + bytes.count + offsets.count * 4
    }

    /// Bytes the buffers hold allocated (at least `byteSize`: arrays grow ahead of their contents).
    public var allocatedBytes: Int {
        definitionLevels.capacity + repetitionLevels.capacity + int32s.capacity * 4 + int64s.capacity * 8
            + doubles.capacity * 8 + bools.capacity + bytes.capacity + offsets.capacity * 8
    }

    /// Number of leaf values that are not null.
    var valueCount: Int {
        switch spec.type {
        case .string, .stringList: return offsets.count - 1
        case .int32, .date: return int32s.count
        case .int64, .timestamp: return int64s.count
        case .double: return doubles.count
        case .bool: return bools.count
        }
    }

    /// Number of level entries (leaf slots, nulls included).
    var levelCount: Int {
        spec.maxDefinitionLevel > 0 ? definitionLevels.count : valueCount
    }

    @inline(__always)
    private mutating func present() {
        if spec.nullable { definitionLevels.append(1) }
        rowCount += 1
    }

    /// Appends a null. For a list column this is a null list.
    /// - Throws: `invalidValue` if the column is not nullable.
    public mutating func appendNull() throws(ParquetError) {
        guard spec.nullable else { throw .invalidValue("column \"\(spec.name)\" is not nullable but got null") }
        definitionLevels.append(0)
        if spec.type == .stringList { repetitionLevels.append(0) }
        rowCount += 1
    }

    public mutating func append(int32 value: Int32) {
        precondition(spec.type == .int32 || spec.type == .date)
        int32s.append(value); present()
    }

    public mutating func append(int64 value: Int64) {
        precondition(spec.type == .int64 || spec.type == .timestamp)
        int64s.append(value); present()
    }

    public mutating func append(double value: Double) {
        precondition(spec.type == .double)
        doubles.append(value); present()
    }

    public mutating func append(bool value: Bool) {
        precondition(spec.type == .bool)
        bools.append(value); present()
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func append<S: Sequence>(utf8 value: S) where S.Element == UInt8 {
        precondition(spec.type == .string)
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
        present()
    }

    public mutating func append(string value: String) {
        var v = value
        v.withUTF8 { append(utf8: $0) }
    }

    /// Appends one list (for a `list<string>` column); nil elements are null elements.
    public mutating func append(list: [String?]) {
        precondition(spec.type == .stringList)
        let base: UInt8 = spec.nullable ? 1 : 0
        if list.isEmpty {
            definitionLevels.append(base)
            repetitionLevels.append(0)
        }
        for (i, element) in list.enumerated() {
            repetitionLevels.append(i == 0 ? 0 : 1)
            if var e = element {
                definitionLevels.append(base + 2)
                e.withUTF8 { bytes.append(contentsOf: $0) }
                offsets.append(bytes.count)
            } else {
                definitionLevels.append(base + 1)
            }
        }
        rowCount += 1
    }

    /// Appends all rows of `other` (same column spec).
    public mutating func append(contentsOf other: ColumnData) {
        append(rowsOf: other, 0..<other.rowCount)
    }

    /// Appends the rows `rows` of `other` (same column spec).
    public mutating func append(rowsOf other: ColumnData, _ rows: Range<Int>) {
        precondition(other.spec == spec && rows.upperBound <= other.rowCount)
        let (levels, values) = other.ranges(ofRows: rows)
        if !other.definitionLevels.isEmpty { definitionLevels.append(contentsOf: other.definitionLevels[levels]) }
        if !other.repetitionLevels.isEmpty { repetitionLevels.append(contentsOf: other.repetitionLevels[levels]) }
        switch spec.type {
        case .int32, .date: int32s.append(contentsOf: other.int32s[values])
        case .int64, .timestamp: int64s.append(contentsOf: other.int64s[values])
        case .double: doubles.append(contentsOf: other.doubles[values])
        case .bool: bools.append(contentsOf: other.bools[values])
        case .string, .stringList:
            let delta = bytes.count - other.offsets[values.lowerBound]
            bytes.append(contentsOf: other.bytes[other.offsets[values.lowerBound]..<other.offsets[values.upperBound]])
            offsets.append(
                contentsOf: other.offsets[(values.lowerBound + 1)..<(values.upperBound + 1)].lazy.map { $0 + delta })
        }
        rowCount += rows.count
    }

    /// The level and value index ranges that hold `rows`.
    func ranges(ofRows rows: Range<Int>) -> (levels: Range<Int>, values: Range<Int>) {
        let hasRep = !repetitionLevels.isEmpty || spec.maxRepetitionLevel > 0
        func levelIndex(ofRow row: Int) -> Int {
            guard hasRep else { return row }
            if row == rowCount { return repetitionLevels.count }
            var seen = -1
            for (i, r) in repetitionLevels.enumerated() where r == 0 {
                seen += 1
                if seen == row { return i }
            }
            return repetitionLevels.count
        }
        let levels = levelIndex(ofRow: rows.lowerBound)..<levelIndex(ofRow: rows.upperBound)
        guard spec.maxDefinitionLevel > 0 else { return (levels, levels) }
        let maxDef = UInt8(spec.maxDefinitionLevel)
        var before = 0
        for d in definitionLevels[..<levels.lowerBound] where d == maxDef { before += 1 }
        var inside = 0
        for d in definitionLevels[levels] where d == maxDef { inside += 1 }
        return (levels, before..<(before + inside))
    }

    /// Reserves room for `byteCount` bytes of string data, so that a filling row group grows in place
    /// instead of doubling and copying (reserved pages that are never written take no memory).
    mutating func reserveStringBytes(_ byteCount: Int) {
        if spec.type == .string || spec.type == .stringList { bytes.reserveCapacity(byteCount) }
    }

    /// Drops every buffered row; `keepingCapacity` keeps the allocations for the next row group.
    mutating func removeAll(keepingCapacity keep: Bool) {
        definitionLevels.removeAll(keepingCapacity: keep)
        repetitionLevels.removeAll(keepingCapacity: keep)
        int32s.removeAll(keepingCapacity: keep)
        int64s.removeAll(keepingCapacity: keep)
        doubles.removeAll(keepingCapacity: keep)
        bools.removeAll(keepingCapacity: keep)
        bytes.removeAll(keepingCapacity: keep)
        offsets.removeAll(keepingCapacity: keep)
        offsets.append(0)
        rowCount = 0
    }
}
