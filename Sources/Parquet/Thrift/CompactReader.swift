/// A decoded Thrift compact-protocol value, kept generic so that unknown fields
/// are skipped safely and every typed accessor can check what it finds.
indirect enum ThriftValue: Sendable {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case binary([UInt8])
    case list([ThriftValue])
    case structure(ThriftStruct)
    case map
}

/// The fields of a decoded Thrift struct by field id.
struct ThriftStruct: Sendable {
    var fields: [Int16: ThriftValue] = [:]

    subscript(id: Int16) -> ThriftValue? { fields[id] }

    func int(_ id: Int16) -> Int64? {
        if case .int(let v)? = fields[id] { return v }
        return nil
    }

    func bool(_ id: Int16) -> Bool? {
        if case .bool(let v)? = fields[id] { return v }
        return nil
    }

    func binary(_ id: Int16) -> [UInt8]? {
        if case .binary(let v)? = fields[id] { return v }
        return nil
    }

    func string(_ id: Int16) -> String? {
        binary(id).map { String(decoding: $0, as: UTF8.self) }
    }

    func structure(_ id: Int16) -> ThriftStruct? {
        if case .structure(let v)? = fields[id] { return v }
        return nil
    }

    func list(_ id: Int16) -> [ThriftValue]? {
        if case .list(let v)? = fields[id] { return v }
        return nil
    }
}

/// Decodes Thrift compact-protocol structs from a byte buffer, with every length,
/// count and nesting depth checked so that corrupt input gives an error, never a crash.
///
/// Safety: `bytes` is lent by the caller's `withBytes` for the reader's whole life (it is never stored past it);
/// every read at `position` follows a check against `bytes.count` in the same function.
struct CompactReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private let what: String
    static let maxDepth = 64

    /// - Parameters:
    ///   - bytes: the buffer; it must outlive the reader.
    ///   - position: where the struct starts.
    ///   - what: what is being decoded, for error messages ("footer", "page header").
    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0, what: String) {
        self.bytes = bytes
        self.position = position
        self.what = what
    }

    private func corrupt(_ message: String) -> ParquetError {
        .corruptMetadata("\(what): \(message) at byte \(position)")
    }

    private mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw corrupt("unexpected end of data") }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw corrupt("varint longer than 10 bytes") }
        }
    }

    private mutating func readZigzag() throws(ParquetError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    /// Reads one struct (fields up to and including its stop byte).
    mutating func readStruct(depth: Int = 0) throws(ParquetError) -> ThriftStruct {
        guard depth < Self.maxDepth else { throw corrupt("structs nested too deep") }
        var result = ThriftStruct()
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { return result }
            let typeCode = header & 0x0F
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                let next = Int(lastID) + Int(delta)
                guard next <= Int(Int16.max) else { throw corrupt("field id out of range") }
                id = Int16(next)
            } else {
                let raw = try readZigzag()
                guard let v = Int16(exactly: raw) else { throw corrupt("field id \(raw) out of range") }
                id = v
            }
            lastID = id
            result.fields[id] = try readValue(typeCode: typeCode, depth: depth)
        }
    }

    private mutating func readValue(typeCode: UInt8, depth: Int) throws(ParquetError) -> ThriftValue {
        switch typeCode {
        case CompactType.boolTrue.rawValue: return .bool(true)
        case CompactType.boolFalse.rawValue: return .bool(false)
        case CompactType.byte.rawValue: return .int(Int64(Int8(bitPattern: try readByte())))
        case CompactType.i16.rawValue, CompactType.i32.rawValue, CompactType.i64.rawValue:
            return .int(try readZigzag())
        case CompactType.double.rawValue:
            guard position + 8 <= bytes.count else { throw corrupt("unexpected end of data") }
            let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            position += 8
            return .double(Double(bitPattern: UInt64(littleEndian: bits)))
        case CompactType.binary.rawValue:
            let length = try readVarint()
            guard length <= UInt64(bytes.count - position) else {
                throw corrupt("binary of \(length) bytes runs past the end")
            }
            let start = position
            position += Int(length)
            return .binary(Array(bytes[start..<position]))
        case CompactType.list.rawValue, CompactType.set.rawValue:
            let header = try readByte()
            var count = UInt64(header >> 4)
            if count == 15 { count = try readVarint() }
            let elementType = header & 0x0F
            // Every element takes at least one byte (bools in lists take one each).
            guard count <= UInt64(bytes.count - position) else {
                throw corrupt("list of \(count) elements runs past the end")
            }
            guard depth + 1 < Self.maxDepth else { throw corrupt("lists nested too deep") }
            var items: [ThriftValue] = []
            items.reserveCapacity(Int(count))
            for _ in 0..<count {
                if elementType == CompactType.boolTrue.rawValue || elementType == CompactType.boolFalse.rawValue {
                    items.append(.bool(try readByte() == 1))
                } else {
                    items.append(try readValue(typeCode: elementType, depth: depth + 1))
                }
            }
            return .list(items)
        case CompactType.map.rawValue:
            let count = try readVarint()
            guard count <= UInt64(bytes.count - position) else { throw corrupt("map runs past the end") }
            if count == 0 { return .map }
            let types = try readByte()
            for _ in 0..<count {
                _ = try readValue(typeCode: types >> 4, depth: depth + 1)
                _ = try readValue(typeCode: types & 0x0F, depth: depth + 1)
            }
            return .map
        case CompactType.structure.rawValue:
            return .structure(try readStruct(depth: depth + 1))
        default:
            throw corrupt("unknown Thrift type code \(typeCode)")
        }
    }
}
