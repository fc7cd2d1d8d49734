/// Thrift compact-protocol type codes as they appear in field and list headers.
enum CompactType: UInt8 {
    case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6
    case double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
}

/// Encodes Thrift structs in the compact protocol into a byte array.
///
/// Fields must be written in ascending id order within a struct; `beginStruct`/`endStruct`
/// keep the last field id of each enclosing struct so that deltas are right.
struct CompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    init() { bytes.reserveCapacity(256) }

    // MARK: varints

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func fieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta << 4) | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldID = id
    }

    // MARK: fields

    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func field(_ id: Int16, byte value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        writeZigzag(Int64(value))
    }

    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeZigzag(Int64(value))
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeZigzag(value)
    }

    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Writes a struct-valued field; `body` writes the struct's own fields.
    mutating func field(_ id: Int16, struct body: (inout CompactWriter) -> Void) {
        fieldHeader(id, .structure)
        writeStructBody(body)
    }

    /// Writes a list field of structs.
    mutating func field<T>(_ id: Int16, structList items: [T], _ body: (inout CompactWriter, T) -> Void) {
        fieldHeader(id, .list)
        listHeader(count: items.count, type: .structure)
        for item in items { writeStructBody { body(&$0, item) } }
    }

    mutating func field(_ id: Int16, i32List items: [Int32]) {
        fieldHeader(id, .list)
        listHeader(count: items.count, type: .i32)
        for item in items { writeZigzag(Int64(item)) }
    }

    mutating func field(_ id: Int16, stringList items: [String]) {
        fieldHeader(id, .list)
        listHeader(count: items.count, type: .binary)
        for item in items {
            let utf8 = Array(item.utf8)
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    private mutating func listHeader(count: Int, type: CompactType) {
        if count < 15 {
            bytes.append(UInt8(count << 4) | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes the fields of a top-level or nested struct followed by its stop byte.
    mutating func writeStructBody(_ body: (inout CompactWriter) -> Void) {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
        body(&self)
        bytes.append(CompactType.stop.rawValue)
        lastFieldID = fieldIDStack.removeLast()
    }
}
