// Thrift compact encoding of the metadata the writer produces. Field ids and types follow parquet.thrift.

extension TimeUnit {
    func encode(_ w: inout CompactWriter) {
        let id: Int16 =
            switch self {
            case .millis: 1;
            case .micros: 2;
            case .nanos: 3
            }
        w.field(id) { _ in }
    }
}

extension LogicalType {
    func encode(_ w: inout CompactWriter) {
        switch self {
        case .string: w.field(1) { _ in }
        case .map: w.field(2) { _ in }
        case .list: w.field(3) { _ in }
        case .enumType: w.field(4) { _ in }
        case .decimal(let scale, let precision):
            w.field(5) {
                $0.field(1, i32: scale); $0.field(2, i32: precision)
            }
        case .date: w.field(6) { _ in }
        case .time(let utc, let unit):
            w.field(7) {
                $0.field(1, bool: utc); $0.field(2) { unit.encode(&$0) }
            }
        case .timestamp(let utc, let unit):
            w.field(8) {
                $0.field(1, bool: utc); $0.field(2) { unit.encode(&$0) }
            }
        case .integer(let bitWidth, let signed):
            w.field(10) {
                $0.field(1, byte: bitWidth); $0.field(2, bool: signed)
            }
        case .unknown: w.field(11) { _ in }
        case .json: w.field(12) { _ in }
        case .bson: w.field(13) { _ in }
        case .uuid: w.field(14) { _ in }
        case .float16: w.field(15) { _ in }
        }
    }
}

extension SchemaElement {
    func encode(_ w: inout CompactWriter) {
        if let type { w.field(1, i32: type.rawValue) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetition { w.field(3, i32: repetition.rawValue) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType.rawValue) }
        if let scale { w.field(7, i32: scale) }
        if let precision { w.field(8, i32: precision) }
        if let logicalType { w.field(10) { logicalType.encode(&$0) } }
    }
}

extension Statistics {
    func encode(_ w: inout CompactWriter) {
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        if let isMaxExact { w.field(7, bool: isMaxExact) }
        if let isMinExact { w.field(8, bool: isMinExact) }
    }
}

extension ColumnChunkMetadata {
    func encode(_ w: inout CompactWriter) {
        w.field(1, i32: type.rawValue)
        w.field(2, i32List: encodings.map(\.rawValue))
        w.field(3, stringList: path)
        w.field(4, i32: codec.rawValue)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics { w.field(12) { statistics.encode(&$0) } }
        if let encodingStats {
            w.field(13, structList: encodingStats) { w, s in
                w.field(1, i32: s.pageType.rawValue)
                w.field(2, i32: s.encoding.rawValue)
                w.field(3, i32: s.count)
            }
        }
    }
}

extension FileMetadata {
    /// The footer as Thrift compact bytes.
    func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.writeStructBody { w in
            w.field(1, i32: version)
            w.field(2, structList: schema) { w, e in e.encode(&w) }
            w.field(3, i64: numRows)
            w.field(4, structList: Array(rowGroups.enumerated())) { w, item in
                let (ordinal, rg) = item
                w.field(1, structList: rg.columns) { w, column in
                    w.field(2, i64: column.startOffset)  // file_offset (required; deprecated)
                    w.field(3) { column.encode(&$0) }
                }
                w.field(2, i64: rg.totalByteSize)
                w.field(3, i64: rg.numRows)
                if let fileOffset = rg.fileOffset { w.field(5, i64: fileOffset) }
                if let total = rg.totalCompressedSize { w.field(6, i64: total) }
                w.field(7, i16: Int16(truncatingIfNeeded: ordinal))
            }
            if !keyValueMetadata.isEmpty {
                w.field(5, structList: keyValueMetadata) { w, kv in
                    w.field(1, string: kv.key)
                    if let value = kv.value { w.field(2, string: value) }
                }
            }
            if let createdBy { w.field(6, string: createdBy) }
            if hasColumnOrders {
                let leaves = schema.dropFirst().filter { ($0.numChildren ?? 0) == 0 }.count
                // One TypeDefinedOrder (ColumnOrder field 1, an empty struct) per leaf column.
                w.field(7, structList: Array(repeating: (), count: leaves)) { w, _ in
                    w.field(1) { _ in }
                }
            }
        }
        return w.bytes
    }
}

extension PageHeader {
    /// The page header as Thrift compact bytes.
    func encoded() -> [UInt8] {
        var w = CompactWriter()
        w.writeStructBody { w in
            w.field(1, i32: type.rawValue)
            w.field(2, i32: uncompressedSize)
            w.field(3, i32: compressedSize)
            if let crc { w.field(4, i32: crc) }
            switch type {
            case .dataPage:
                w.field(5) { w in
                    w.field(1, i32: numValues)
                    w.field(2, i32: encoding.rawValue)
                    w.field(3, i32: definitionLevelEncoding.rawValue)
                    w.field(4, i32: repetitionLevelEncoding.rawValue)
                    if let statistics { w.field(5) { statistics.encode(&$0) } }
                }
            case .dictionaryPage:
                w.field(7) { w in
                    w.field(1, i32: numValues)
                    w.field(2, i32: encoding.rawValue)
                }
            case .dataPageV2:
                w.field(8) { w in
                    w.field(1, i32: numValues)
                    w.field(2, i32: numNulls)
                    w.field(3, i32: numRows)
                    w.field(4, i32: encoding.rawValue)
                    w.field(5, i32: definitionLevelsByteLength)
                    w.field(6, i32: repetitionLevelsByteLength)
                    w.field(7, bool: isCompressed)
                    if let statistics { w.field(8) { statistics.encode(&$0) } }
                }
            case .indexPage:
                w.field(6) { _ in }
            }
        }
        return w.bytes
    }
}
