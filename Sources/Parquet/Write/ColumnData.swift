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
        precondition(other.spec == spec)
        definitionLevels.append(contentsOf: other.definitionLevels)
        repetitionLevels.append(contentsOf: other.repetitionLevels)
        int32s.append(contentsOf: other.int32s)
        int64s.append(contentsOf: other.int64s)
        doubles.append(contentsOf: other.doubles)
        bools.append(contentsOf: other.bools)
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
        rowCount += other.rowCount
    }

    /// Drops every buffered row, keeping the allocated capacity.
    mutating func removeAll() {
        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        bools.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        rowCount = 0
    }
}
