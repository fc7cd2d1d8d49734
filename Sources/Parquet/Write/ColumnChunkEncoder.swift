import Dispatch

/// A column chunk encoded and compressed, ready to be written at some file offset.
struct EncodedChunk {
    /// Header and body of the dictionary page, if any.
    var dictionaryPage: [UInt8]?
    /// Header and body of each data page, in order.
    var dataPages: [[UInt8]]
    var encodings: [Encoding]
    var encodingStats: [PageEncodingCount]
    var statistics: Statistics
    var numValues: Int64
    var uncompressedSize: Int64
    var compressedSize: Int64
}

/// Encodes one column's buffered rows into pages: dictionary where it pays (falling back to
/// PLAIN past the size limit), RLE/bit-packed levels, V1 data pages cut by size at row boundaries,
/// compressed in parallel batches so that only a few uncompressed pages exist at once.
struct ColumnChunkEncoder {
    let column: ColumnData
    let options: WriterOptions

    private struct PageRange {
        var levels: Range<Int>
        var values: Range<Int>
    }

    /// A page body before compression, with what its header needs.
    private struct RawPage {
        var type: PageType
        var encoding: Encoding
        var numValues: Int
        var body: [UInt8]
    }

    func encode() throws(ParquetError) -> EncodedChunk {
        let spec = column.spec
        let maxDef = spec.maxDefinitionLevel
        let ranges = pageRanges()
        var dictionary = DictionaryBuilder(type: spec.type)
        // A chunk with no values at all gets PLAIN pages: a dictionary page cannot be empty.
        var useDictionary =
            options.dictionaryEnabled && spec.type != .bool && column.valueCount > 0 && worthADictionary()
        var chunk = EncodedChunk(
            dataPages: [], encodings: [], encodingStats: [], statistics: Statistics(),
            numValues: Int64(column.levelCount), uncompressedSize: 0, compressedSize: 0)
        var pending: [RawPage] = []
        var pendingBytes = 0
        var counts: [Encoding: Int32] = [:]
        for range in ranges {
            var body: [UInt8] = []
            body.reserveCapacity(estimatedSize(range) + 64)
            if spec.maxRepetitionLevel > 0 {
                appendLevels(column.repetitionLevels[range.levels], maxLevel: spec.maxRepetitionLevel, to: &body)
            }
            if maxDef > 0 {
                appendLevels(column.definitionLevels[range.levels], maxLevel: maxDef, to: &body)
            }
            let encoding: Encoding
            if useDictionary {
                dictionary.appendIndices(of: column, values: range.values, to: &body)
                encoding = .rleDictionary
                if dictionary.byteSize > options.dictionaryPageSizeLimit { useDictionary = false }
            } else {
                appendPlainValues(range.values, to: &body)
                encoding = .plain
            }
            counts[encoding, default: 0] += 1
            pendingBytes += body.count
            pending.append(RawPage(type: .dataPage, encoding: encoding, numValues: range.levels.count, body: body))
            // Compressed a few at a time, in parallel: at most twice the threads' pages, or 8 MiB of them.
            if pending.count >= max(2, options.concurrency * 2) || pendingBytes >= 8 << 20 {
                try flush(&pending, into: &chunk)
                pendingBytes = 0
            }
        }
        try flush(&pending, into: &chunk)
        if dictionary.count > 0 {
            var pages = [
                RawPage(
                    type: .dictionaryPage, encoding: .plain, numValues: dictionary.count, body: dictionary.plainPage())
            ]
            var dictChunk = EncodedChunk(
                dataPages: [], encodings: [], encodingStats: [], statistics: Statistics(),
                numValues: 0, uncompressedSize: 0, compressedSize: 0)
            try flush(&pages, into: &dictChunk)
            chunk.dictionaryPage = dictChunk.dataPages[0]
            chunk.uncompressedSize += dictChunk.uncompressedSize
            chunk.compressedSize += dictChunk.compressedSize
            chunk.encodingStats.append(PageEncodingCount(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        for encoding in [Encoding.rleDictionary, .plain] {
            if let n = counts[encoding] {
                chunk.encodingStats.append(PageEncodingCount(pageType: .dataPage, encoding: encoding, count: n))
            }
        }
        var encodings: [Encoding] = []
        if dictionary.count > 0 || counts[.plain] != nil { encodings.append(.plain) }
        if maxDef > 0 || spec.maxRepetitionLevel > 0 { encodings.append(.rle) }
        if counts[.rleDictionary] != nil { encodings.append(.rleDictionary) }
        chunk.encodings = encodings
        let nulls = column.levelCount - column.valueCount
        chunk.statistics = StatisticsBuilder.statistics(
            for: column, nullCount: nulls, truncateLength: options.statisticsTruncateLength)
        return chunk
    }

    /// Compresses the pending pages (in parallel when allowed) and appends them with their headers.
    private func flush(_ pending: inout [RawPage], into chunk: inout EncodedChunk) throws(ParquetError) {
        guard !pending.isEmpty else { return }
        let pages = pending
        pending.removeAll(keepingCapacity: true)
        let results = ResultSlots<Result<[UInt8], ParquetError>>(count: pages.count)
        let codec = options.codec, level = options.compressionLevel
        let work: @Sendable (Int) -> Void = { i in
            results.set(
                i,
                Result { () throws(ParquetError) in
                    try PageCompression.compress(pages[i].body, codec: codec, level: level)
                })
        }
        if options.concurrency > 1 && pages.count > 1 && codec != .uncompressed {
            DispatchQueue.concurrentPerform(iterations: pages.count, execute: work)
        } else {
            for i in pages.indices { work(i) }
        }
        for (i, page) in pages.enumerated() {
            let compressed = try results.get(i).get()
            guard page.body.count <= Int32.max, compressed.count <= Int32.max else {
                throw .invalidValue("column \"\(column.spec.name)\": a page is larger than 2 GiB")
            }
            let header = PageHeader(
                type: page.type, uncompressedSize: Int32(page.body.count), compressedSize: Int32(compressed.count),
                numValues: Int32(page.numValues), encoding: page.encoding
            ).encoded()
            var bytes = header
            bytes.append(contentsOf: compressed)
            chunk.dataPages.append(bytes)
            chunk.uncompressedSize += Int64(header.count + page.body.count)
            chunk.compressedSize += Int64(bytes.count)
        }
    }

    // MARK: pages

    /// Splits the column into pages at row boundaries, by estimated size and row count.
    private func pageRanges() -> [PageRange] {
        let levelCount = column.levelCount
        let maxDef = column.spec.maxDefinitionLevel
        let hasDef = maxDef > 0
        let hasRep = column.spec.maxRepetitionLevel > 0
        let defs = column.definitionLevels, reps = column.repetitionLevels
        let fixedWidth = fixedValueWidth
        var ranges: [PageRange] = []
        let pageSize = options.effectivePageSize
        var level = 0, value = 0
        while level < levelCount {
            let startLevel = level, startValue = value
            var size = 0, rows = 0
            while level < levelCount {
                var rowEnd = level + 1
                if hasRep { while rowEnd < levelCount && reps[rowEnd] != 0 { rowEnd += 1 } }
                for l in level..<rowEnd where !hasDef || defs[l] == maxDef {
                    size += fixedWidth ?? (4 + column.offsets[value + 1] - column.offsets[value])
                    value += 1
                }
                size += rowEnd - level
                level = rowEnd
                rows += 1
                if size >= pageSize || rows >= options.maxRowsPerPage { break }
            }
            ranges.append(PageRange(levels: startLevel..<level, values: startValue..<value))
        }
        return ranges
    }

    private var fixedValueWidth: Int? {
        switch column.spec.type {
        case .string, .stringList: return nil
        case .int32, .date: return 4
        case .int64, .timestamp, .double: return 8
        case .bool: return 1
        }
    }

    private func estimatedSize(_ range: PageRange) -> Int {
        let values: Int
        if let w = fixedValueWidth {
            values = w * range.values.count
        } else {
            values =
                column.offsets[range.values.upperBound] - column.offsets[range.values.lowerBound] + 4
                * range.values.count
        }
        return values + range.levels.count / 4
    }

    /// A dictionary pays unless a sample of the values is nearly all distinct.
    private func worthADictionary() -> Bool {
        let n = column.valueCount
        let sample = min(n, 1000)
        guard sample >= 200 else { return true }
        var probe = DictionaryBuilder(type: column.spec.type)
        var scratch: [UInt8] = []
        probe.appendIndices(of: column, values: 0..<sample, to: &scratch)
        return Double(probe.count) < 0.8 * Double(sample)
    }

    private func appendLevels(_ levels: ArraySlice<UInt8>, maxLevel: Int, to body: inout [UInt8]) {
        let lengthAt = body.count
        body.append(contentsOf: [0, 0, 0, 0])
        RLEHybridEncoder(bitWidth: bitWidth(forMax: UInt64(maxLevel))).encode(levels, into: &body)
        let length = UInt32(body.count - lengthAt - 4)
        withUnsafeBytes(of: length.littleEndian) { for i in 0..<4 { body[lengthAt + i] = $0[i] } }
    }

    private func appendPlainValues(_ values: Range<Int>, to body: inout [UInt8]) {
        switch column.spec.type {
        case .int32, .date: body.appendLittleEndian(contentsOf: column.int32s[values])
        case .int64, .timestamp: body.appendLittleEndian(contentsOf: column.int64s[values])
        case .double: body.appendLittleEndian(contentsOf: column.doubles[values].map(\.bitPattern)[...])
        case .bool: appendPlainBooleans(column.bools[values], to: &body)
        case .string, .stringList:
            for i in values {
                let start = column.offsets[i], end = column.offsets[i + 1]
                body.appendLittleEndian(UInt32(end - start))
                body.append(contentsOf: column.bytes[start..<end])
            }
        }
    }
}
