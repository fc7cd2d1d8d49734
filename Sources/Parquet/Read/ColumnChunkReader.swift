/// The levels and values of one leaf column in one row group.
struct LeafData {
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: LeafValues
}

/// Reads the pages of one column chunk: dictionary page, V1 and V2 data pages, any codec we decode,
/// checking every count and length against the page and the chunk.
struct ColumnChunkReader {
    let leaf: LeafColumn
    let meta: ColumnChunkMetadata
    /// Largest number of levels one page may hold.
    static let maxPageValues = 1 << 26

    func read(from file: InputFile, dataEnd: Int64) throws(ParquetError) -> LeafData {
        let name = leaf.dottedPath
        let start = meta.startOffset
        guard start >= 4, meta.totalCompressedSize >= 0, meta.totalCompressedSize <= dataEnd - start else {
            throw .corruptMetadata(
                "column \(name): chunk at \(start)+\(meta.totalCompressedSize) lies outside the data")
        }
        let chunk = try file.read(at: start, count: Int(meta.totalCompressedSize))
        var data = LeafData(values: LeafValues(type: meta.type, typeLength: leaf.node.typeLength))
        var dictionary: LeafValues?
        let expected = meta.numValues
        var levelsRead: Int64 = 0
        try chunk.withBytes { (raw) throws(ParquetError) in
            var pos = 0
            while pos < raw.count && levelsRead < expected {
                var reader = CompactReader(raw, position: pos, what: "column \(name): page header")
                let header = try PageHeader(try reader.readStruct())
                pos = reader.position
                let size = Int(header.compressedSize)
                guard size <= raw.count - pos else {
                    throw .corruptData("column \(name): page of \(size) bytes runs past the end of the column chunk")
                }
                let body = UnsafeRawBufferPointer(rebasing: raw[pos..<(pos + size)])
                pos += size
                switch header.type {
                case .dictionaryPage:
                    guard dictionary == nil else { throw .corruptData("column \(name): a second dictionary page") }
                    guard header.encoding == .plain || header.encoding == .plainDictionary else {
                        throw .unsupported("column \(name): dictionary page encoding \(header.encoding)")
                    }
                    guard header.numValues <= Self.maxPageValues else {
                        throw .corruptData("column \(name): dictionary page claims \(header.numValues) values")
                    }
                    let page = try PageCompression.decompress(
                        body, codec: meta.codec, uncompressedSize: Int(header.uncompressedSize))
                    var dict = LeafValues(type: meta.type, typeLength: leaf.node.typeLength)
                    _ = try page.withBytes { (p) throws(ParquetError) in
                        try dict.appendPlain(p, start: 0, end: p.count, count: Int(header.numValues), column: name)
                    }
                    dictionary = dict
                case .dataPage, .dataPageV2:
                    guard header.numValues <= Self.maxPageValues, levelsRead + Int64(header.numValues) <= expected
                    else {
                        throw .corruptData(
                            "column \(name): page holds \(header.numValues) values, "
                                + "more than the chunk's \(expected - levelsRead) left"
                        )
                    }
                    try readDataPage(header, body: body, dictionary: dictionary, into: &data)
                    levelsRead += Int64(header.numValues)
                case .indexPage:
                    continue
                }
            }
        }
        guard levelsRead == expected else {
            throw .corruptData("column \(name): chunk holds \(levelsRead) values, metadata says \(expected)")
        }
        return data
    }

    private func readDataPage(
        _ header: PageHeader, body: UnsafeRawBufferPointer, dictionary: LeafValues?, into data: inout LeafData
    ) throws(ParquetError) {
        let name = leaf.dottedPath
        let n = Int(header.numValues)
        let maxDef = leaf.maxDefinitionLevel, maxRep = leaf.maxRepetitionLevel
        let page: [UInt8]
        var levelsEnd = 0
        var reps: [UInt8] = [], defs: [UInt8] = []
        if header.type == .dataPageV2 {
            let repLength = Int(header.repetitionLevelsByteLength), defLength = Int(header.definitionLevelsByteLength)
            guard repLength + defLength <= body.count, repLength + defLength <= Int(header.uncompressedSize) else {
                throw .corruptData("column \(name): level lengths exceed the page")
            }
            let levelBytes = Array(body[0..<(repLength + defLength)])
            let valuesCompressed = UnsafeRawBufferPointer(rebasing: body[(repLength + defLength)...])
            let valuesSize = Int(header.uncompressedSize) - repLength - defLength
            let values =
                header.isCompressed
                ? try PageCompression.decompress(valuesCompressed, codec: meta.codec, uncompressedSize: valuesSize)
                : try PageCompression.decompress(valuesCompressed, codec: .uncompressed, uncompressedSize: valuesSize)
            page = levelBytes + values
            try page.withBytes { (p) throws(ParquetError) in
                if maxRep > 0 {
                    var d = try RLEHybridDecoder(
                        p, start: 0, end: repLength, bitWidth: bitWidth(forMax: UInt64(maxRep)),
                        what: "column \(name): repetition levels")
                    try d.decode(count: n, into: &reps)
                }
                if maxDef > 0 {
                    var d = try RLEHybridDecoder(
                        p, start: repLength, end: repLength + defLength, bitWidth: bitWidth(forMax: UInt64(maxDef)),
                        what: "column \(name): definition levels")
                    try d.decode(count: n, into: &defs)
                }
            }
            levelsEnd = repLength + defLength
        } else {
            page = try PageCompression.decompress(
                body, codec: meta.codec, uncompressedSize: Int(header.uncompressedSize))
            try page.withBytes { (p) throws(ParquetError) in
                if maxRep > 0 {
                    levelsEnd = try readV1Levels(
                        p, at: levelsEnd, count: n, maxLevel: maxRep, encoding: header.repetitionLevelEncoding,
                        what: "repetition levels", into: &reps)
                }
                if maxDef > 0 {
                    levelsEnd = try readV1Levels(
                        p, at: levelsEnd, count: n, maxLevel: maxDef, encoding: header.definitionLevelEncoding,
                        what: "definition levels", into: &defs)
                }
            }
        }
        if maxDef > 0, let bad = defs.first(where: { Int($0) > maxDef }) {
            throw .corruptData("column \(name): definition level \(bad) above the maximum \(maxDef)")
        }
        if maxRep > 0 {
            if let bad = reps.first(where: { Int($0) > maxRep }) {
                throw .corruptData("column \(name): repetition level \(bad) above the maximum \(maxRep)")
            }
            if data.repetitionLevels.isEmpty, let first = reps.first, first != 0 {
                throw .corruptData("column \(name): the first repetition level is \(first), a record must start at 0")
            }
        }
        let present = maxDef > 0 ? defs.reduce(0) { $0 + ($1 == UInt8(maxDef) ? 1 : 0) } : n
        try page.withBytes { (p) throws(ParquetError) in
            try decodeValues(
                p, start: levelsEnd, count: present, encoding: header.encoding, dictionary: dictionary,
                into: &data.values)
        }
        data.definitionLevels.append(contentsOf: defs)
        data.repetitionLevels.append(contentsOf: reps)
    }

    private func readV1Levels(
        _ p: UnsafeRawBufferPointer, at start: Int, count: Int, maxLevel: Int, encoding: Encoding, what: String,
        into out: inout [UInt8]
    ) throws(ParquetError) -> Int {
        let name = leaf.dottedPath
        let width = bitWidth(forMax: UInt64(maxLevel))
        switch encoding {
        case .rle:
            guard p.count - start >= 4 else { throw .corruptData("column \(name): \(what) length runs past the page") }
            let length = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
            guard length <= p.count - start - 4 else {
                throw .corruptData("column \(name): \(what) of \(length) bytes run past the page")
            }
            var d = try RLEHybridDecoder(
                p, start: start + 4, end: start + 4 + length, bitWidth: width, what: "column \(name): \(what)")
            try d.decode(count: count, into: &out)
            return start + 4 + length
        case .bitPacked:
            // Deprecated BIT_PACKED levels: packed from the most significant bit, no length prefix.
            let length = (count * width + 7) / 8
            guard length <= p.count - start else { throw .corruptData("column \(name): \(what) run past the page") }
            out.reserveCapacity(out.count + count)
            for i in 0..<count {
                var v = 0
                for b in 0..<width {
                    let bit = i * width + b
                    v = v << 1 | Int((p[start + bit >> 3] >> UInt8(7 - bit & 7)) & 1)
                }
                out.append(UInt8(v))
            }
            return start + length
        default:
            throw .unsupported("column \(name): \(what) encoded as \(encoding)")
        }
    }

    private func decodeValues(
        _ p: UnsafeRawBufferPointer, start: Int, count: Int, encoding: Encoding, dictionary: LeafValues?,
        into values: inout LeafValues
    ) throws(ParquetError) {
        let name = leaf.dottedPath
        let before = values.count
        switch encoding {
        case .plain:
            _ = try values.appendPlain(p, start: start, end: p.count, count: count, column: name)
        case .plainDictionary, .rleDictionary:
            if count == 0 { return }
            guard let dictionary else {
                throw .corruptData("column \(name): dictionary-encoded page without a dictionary page")
            }
            guard start < p.count else { throw .corruptData("column \(name): dictionary indices missing") }
            var indices: [UInt32] = []
            var d = try RLEHybridDecoder(
                p, start: start + 1, end: p.count, bitWidth: Int(p[start]), what: "column \(name): dictionary indices")
            try d.decode(count: count, into: &indices)
            try values.appendFromDictionary(dictionary, indices: indices, column: name)
        case .rle:
            guard meta.type == .boolean else {
                throw .unsupported("column \(name): RLE encoding for \(meta.type) values")
            }
            guard p.count - start >= 4 else { throw .corruptData("column \(name): RLE boolean length missing") }
            let length = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
            guard length <= p.count - start - 4 else {
                throw .corruptData("column \(name): RLE booleans run past the page")
            }
            var bits: [UInt8] = []
            var d = try RLEHybridDecoder(
                p, start: start + 4, end: start + 4 + length, bitWidth: 1, what: "column \(name): RLE booleans")
            try d.decode(count: count, into: &bits)
            values.bools.append(contentsOf: bits.map { $0 == 1 })
        case .deltaBinaryPacked:
            var d = DeltaBinaryPackedDecoder(p, start: start, end: p.count)
            let decoded = try d.decode(count: count)
            switch meta.type {
            case .int32: values.int32s.append(contentsOf: decoded.map { Int32(truncatingIfNeeded: $0) })
            case .int64: values.int64s.append(contentsOf: decoded)
            default: throw .unsupported("column \(name): DELTA_BINARY_PACKED for \(meta.type)")
            }
        case .byteStreamSplit:
            try values.appendByteStreamSplit(p, start: start, end: p.count, count: count, column: name)
        default:
            throw .unsupported(
                "column \(name): \(encoding) encoding (this reader decodes PLAIN, dictionary, RLE, "
                    + "DELTA_BINARY_PACKED and BYTE_STREAM_SPLIT)"
            )
        }
        guard values.count - before == count else {
            throw .corruptData("column \(name): page decoded \(values.count - before) values, levels say \(count)")
        }
    }
}
