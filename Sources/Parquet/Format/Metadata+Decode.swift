// Typed decoding of the footer and page headers, checking every required field and enum value.

private func missing(_ what: String) -> ParquetError { .corruptMetadata("missing \(what)") }

private func int32(_ s: ThriftStruct, _ id: Int16, _ what: String) throws(ParquetError) -> Int32 {
    guard let v = s.int(id) else { throw missing(what) }
    guard let r = Int32(exactly: v) else { throw .corruptMetadata("\(what) \(v) out of range") }
    return r
}

private func int64(_ s: ThriftStruct, _ id: Int16, _ what: String) throws(ParquetError) -> Int64 {
    guard let v = s.int(id) else { throw missing(what) }
    return v
}

private func enumValue<E: RawRepresentable>(
    _ s: ThriftStruct, _ id: Int16, _ what: String, _: E.Type
) throws(ParquetError) -> E where E.RawValue == Int32 {
    let raw = try int32(s, id, what)
    guard let v = E(rawValue: raw) else { throw .corruptMetadata("invalid \(what): \(raw)") }
    return v
}

extension TimeUnit {
    init?(_ s: ThriftStruct) {
        if s[1] != nil {
            self = .millis
        } else if s[2] != nil {
            self = .micros
        } else if s[3] != nil {
            self = .nanos
        } else {
            return nil
        }
    }
}

extension LogicalType {
    init?(_ s: ThriftStruct) {
        if s[1] != nil {
            self = .string
        } else if s[2] != nil {
            self = .map
        } else if s[3] != nil {
            self = .list
        } else if s[4] != nil {
            self = .enumType
        } else if let d = s.structure(5) {
            self = .decimal(
                scale: Int32(truncatingIfNeeded: d.int(1) ?? 0), precision: Int32(truncatingIfNeeded: d.int(2) ?? 0))
        } else if s[6] != nil {
            self = .date
        } else if let t = s.structure(7), let unit = t.structure(2).flatMap(TimeUnit.init) {
            self = .time(utc: t.bool(1) ?? false, unit: unit)
        } else if let t = s.structure(8), let unit = t.structure(2).flatMap(TimeUnit.init) {
            self = .timestamp(utc: t.bool(1) ?? false, unit: unit)
        } else if let i = s.structure(10) {
            self = .integer(bitWidth: Int8(truncatingIfNeeded: i.int(1) ?? 64), signed: i.bool(2) ?? true)
        } else if s[11] != nil {
            self = .unknown
        } else if s[12] != nil {
            self = .json
        } else if s[13] != nil {
            self = .bson
        } else if s[14] != nil {
            self = .uuid
        } else if s[15] != nil {
            self = .float16
        } else {
            return nil
        }
    }
}

extension SchemaElement {
    init(_ s: ThriftStruct) throws(ParquetError) {
        guard let name = s.string(4) else { throw missing("schema element name") }
        self.name = name
        if s[1] != nil { type = try enumValue(s, 1, "physical type of \(name)", PhysicalType.self) }
        if s[2] != nil { typeLength = try int32(s, 2, "type_length of \(name)") }
        if s[3] != nil { repetition = try enumValue(s, 3, "repetition of \(name)", Repetition.self) }
        if s[5] != nil { numChildren = try int32(s, 5, "num_children of \(name)") }
        if let raw = s.int(6) { convertedType = ConvertedType(rawValue: Int32(truncatingIfNeeded: raw)) }
        if s[7] != nil { scale = try int32(s, 7, "scale of \(name)") }
        if s[8] != nil { precision = try int32(s, 8, "precision of \(name)") }
        if let l = s.structure(10) { logicalType = LogicalType(l) }
    }
}

extension Statistics {
    init(_ s: ThriftStruct) {
        nullCount = s.int(3)
        distinctCount = s.int(4)
        maxValue = s.binary(5)
        minValue = s.binary(6)
        isMaxExact = s.bool(7)
        isMinExact = s.bool(8)
    }
}

extension ColumnChunkMetadata {
    init(_ s: ThriftStruct) throws(ParquetError) {
        type = try enumValue(s, 1, "column type", PhysicalType.self)
        guard let encs = s.list(2) else { throw missing("column encodings") }
        encodings = encs.compactMap {
            if case .int(let v) = $0 { Encoding(rawValue: Int32(truncatingIfNeeded: v)) } else { nil }
        }
        guard let p = s.list(3) else { throw missing("column path_in_schema") }
        path = p.map { if case .binary(let b) = $0 { String(decoding: b, as: UTF8.self) } else { "?" } }
        let codecRaw = try int32(s, 4, "column codec")
        guard let c = CompressionCodec(rawValue: codecRaw) else {
            throw .unsupported("compression codec \(codecRaw) in column \(path.joined(separator: "."))")
        }
        codec = c
        numValues = try int64(s, 5, "column num_values")
        totalUncompressedSize = try int64(s, 6, "column total_uncompressed_size")
        totalCompressedSize = try int64(s, 7, "column total_compressed_size")
        dataPageOffset = try int64(s, 9, "column data_page_offset")
        dictionaryPageOffset = s.int(11)
        statistics = s.structure(12).map(Statistics.init)
        encodingStats = s.list(13)?.compactMap { v -> PageEncodingCount? in
            guard case .structure(let e) = v,
                let pt = e.int(1).flatMap({ PageType(rawValue: Int32(truncatingIfNeeded: $0)) }),
                let en = e.int(2).flatMap({ Encoding(rawValue: Int32(truncatingIfNeeded: $0)) }),
                let count = e.int(3)
            else { return nil }
            return PageEncodingCount(pageType: pt, encoding: en, count: Int32(truncatingIfNeeded: count))
        }
        guard numValues >= 0, totalCompressedSize >= 0, totalUncompressedSize >= 0, dataPageOffset >= 0 else {
            throw .corruptMetadata("negative size, count or offset in column \(path.joined(separator: "."))")
        }
    }
}

extension FileMetadata {
    init(_ s: ThriftStruct) throws(ParquetError) {
        version = try int32(s, 1, "file version")
        guard let schemaList = s.list(2) else { throw missing("schema") }
        schema = try schemaList.map { v throws(ParquetError) -> SchemaElement in
            guard case .structure(let e) = v else { throw .corruptMetadata("schema element is not a struct") }
            return try SchemaElement(e)
        }
        numRows = try int64(s, 3, "num_rows")
        guard numRows >= 0 else { throw .corruptMetadata("negative num_rows \(numRows)") }
        guard let groups = s.list(4) else { throw missing("row_groups") }
        rowGroups = try groups.map { v throws(ParquetError) -> RowGroupMetadata in
            guard case .structure(let g) = v, let cols = g.list(1) else {
                throw .corruptMetadata("row group without columns")
            }
            let columns = try cols.map { c throws(ParquetError) -> ColumnChunkMetadata in
                guard case .structure(let chunk) = c else { throw .corruptMetadata("column chunk is not a struct") }
                if chunk[1] != nil { throw .unsupported("column chunks in external files (file_path)") }
                guard let meta = chunk.structure(3) else { throw missing("column chunk meta_data") }
                return try ColumnChunkMetadata(meta)
            }
            let numRows = try int64(g, 3, "row group num_rows")
            guard numRows >= 0 else { throw .corruptMetadata("negative row group num_rows") }
            return RowGroupMetadata(
                columns: columns, totalByteSize: try int64(g, 2, "row group total_byte_size"),
                numRows: numRows, fileOffset: g.int(5), totalCompressedSize: g.int(6))
        }
        keyValueMetadata = (s.list(5) ?? []).compactMap { v in
            guard case .structure(let kv) = v, let key = kv.string(1) else { return nil }
            return KeyValue(key: key, value: kv.string(2))
        }
        createdBy = s.string(6)
        hasColumnOrders = s[7] != nil
    }
}

extension PageHeader {
    init(_ s: ThriftStruct) throws(ParquetError) {
        type = try enumValue(s, 1, "page type", PageType.self)
        uncompressedSize = try int32(s, 2, "uncompressed_page_size")
        compressedSize = try int32(s, 3, "compressed_page_size")
        guard uncompressedSize >= 0, compressedSize >= 0 else {
            throw .corruptMetadata(
                "negative page size (\(compressedSize) compressed, \(uncompressedSize) uncompressed)")
        }
        crc = s.int(4).map { Int32(truncatingIfNeeded: $0) }
        switch type {
        case .dataPage:
            guard let h = s.structure(5) else { throw missing("data_page_header") }
            numValues = try int32(h, 1, "data page num_values")
            encoding = try enumValue(h, 2, "data page encoding", Encoding.self)
            definitionLevelEncoding = try enumValue(h, 3, "definition level encoding", Encoding.self)
            repetitionLevelEncoding = try enumValue(h, 4, "repetition level encoding", Encoding.self)
            statistics = h.structure(5).map(Statistics.init)
        case .dictionaryPage:
            guard let h = s.structure(7) else { throw missing("dictionary_page_header") }
            numValues = try int32(h, 1, "dictionary page num_values")
            encoding = try enumValue(h, 2, "dictionary page encoding", Encoding.self)
        case .dataPageV2:
            guard let h = s.structure(8) else { throw missing("data_page_header_v2") }
            numValues = try int32(h, 1, "data page v2 num_values")
            numNulls = try int32(h, 2, "data page v2 num_nulls")
            numRows = try int32(h, 3, "data page v2 num_rows")
            encoding = try enumValue(h, 4, "data page v2 encoding", Encoding.self)
            definitionLevelsByteLength = try int32(h, 5, "definition_levels_byte_length")
            repetitionLevelsByteLength = try int32(h, 6, "repetition_levels_byte_length")
            isCompressed = h.bool(7) ?? true
            statistics = h.structure(8).map(Statistics.init)
            guard numNulls >= 0, numRows >= 0, definitionLevelsByteLength >= 0, repetitionLevelsByteLength >= 0 else {
                throw .corruptMetadata("negative count or length in data page v2 header")
            }
        case .indexPage:
            numValues = 0
            encoding = .plain
        }
        guard numValues >= 0 else { throw .corruptMetadata("negative num_values \(numValues) in \(type) header") }
    }
}
