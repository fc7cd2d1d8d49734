/// Writes a Parquet file row group by row group: rows are buffered per column in flat arrays,
/// and a row group is encoded, compressed and written once its buffers reach `rowGroupSize`,
/// so memory stays bounded by one open row group whatever the file's size.
///
/// ```swift
/// var batch = writer.makeBatch()
/// batch[0].append(string: "hello")
/// try writer.write(batch)
/// let metadata = try writer.close()
/// ```
public final class ParquetFileWriter {
    public let schema: TableSchema
    public let options: WriterOptions
    private let file: OutputFile
    private var buffered: [ColumnData]
    private var rowGroups: [RowGroupMetadata] = []
    private var totalRows: Int64 = 0
    private var closed = false

    /// Creates (or truncates) `path` and writes the leading magic.
    public init(path: String, schema: TableSchema, options: WriterOptions = WriterOptions()) throws(ParquetError) {
        guard CompressionCodec.writable.contains(options.codec) else {
            throw .unsupported(
                "writing \(options.codec) pages (the writer supports GZIP, ZSTD, SNAPPY and UNCOMPRESSED)")
        }
        if let level = options.compressionLevel, let problem = options.codec.levelProblem(level) {
            throw .invalidValue("compression level \(level) \(problem)")
        }
        self.schema = schema
        self.options = options
        self.file = try OutputFile(path: path)
        self.buffered = schema.columns.map(ColumnData.init)
        if options.reserveRowGroupMemory {
            for i in buffered.indices { buffered[i].reserveStringBytes(options.rowGroupSize + (8 << 20)) }
        }
        try file.write(Array("PAR1".utf8))
    }

    /// Empty column buffers for this schema, to fill and pass to `write(_:)`.
    public func makeBatch() -> [ColumnData] {
        schema.columns.map(ColumnData.init)
    }

    /// Rows buffered in the open row group.
    public var bufferedRows: Int { buffered.first?.rowCount ?? 0 }

    /// Adds a batch of rows (one `ColumnData` per column, equal row counts). A row group is written
    /// whenever the buffered data reaches `rowGroupSize`, cutting the batch between rows where needed.
    public func write(_ batch: [ColumnData]) throws(ParquetError) {
        guard batch.count == buffered.count else {
            throw .invalidValue("batch has \(batch.count) columns, schema has \(buffered.count)")
        }
        let rows = batch.first?.rowCount ?? 0
        for (i, column) in batch.enumerated() {
            guard column.spec == schema.columns[i] else {
                throw .invalidValue(
                    "batch column \(i) is \"\(column.spec.name)\", expected \"\(schema.columns[i].name)\"")
            }
            guard column.rowCount == rows else {
                throw .invalidValue(
                    "column \"\(column.spec.name)\" has \(column.rowCount) rows, \"\(batch[0].spec.name)\" has \(rows)")
            }
        }
        guard rows > 0 else { return }
        let bytesPerRow = max(1, batch.reduce(0) { $0 + $1.byteSize } / rows)
        var start = 0
        while start < rows {
            let room = max(0, options.rowGroupSize - bufferedBytes)
            let take = min(rows - start, max(1, (room + bytesPerRow - 1) / bytesPerRow))
            for i in batch.indices {
                if start == 0 && take == rows {
                    buffered[i].append(contentsOf: batch[i])
                } else {
                    buffered[i].append(rowsOf: batch[i], start..<(start + take))
                }
            }
            start += take
            if bufferedBytes >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// Bytes allocated for the open row group (what it costs in memory).
    public var allocatedBytes: Int { buffered.reduce(0) { $0 + $1.allocatedBytes } }

    /// Bytes buffered in the open row group.
    public var bufferedBytes: Int { buffered.reduce(0) { $0 + $1.byteSize } }

    /// Writes the buffered rows as a row group now (nothing if none are buffered).
    public func flushRowGroup() throws(ParquetError) {
        let rows = bufferedRows
        guard rows > 0 else { return }
        let groupStart = file.offset
        var columns: [ColumnChunkMetadata] = []
        var totalUncompressed: Int64 = 0
        for i in buffered.indices {
            let chunk = try writeChunk(buffered[i], spec: schema.columns[i])
            // One long-lived writer reuses its buffers; many writers open at once give memory back.
            buffered[i].removeAll(keepingCapacity: options.reserveRowGroupMemory)
            columns.append(chunk)
            totalUncompressed += chunk.totalUncompressedSize
        }
        rowGroups.append(
            RowGroupMetadata(
                columns: columns, totalByteSize: totalUncompressed, numRows: Int64(rows),
                fileOffset: groupStart, totalCompressedSize: file.offset - groupStart))
        totalRows += Int64(rows)
    }

    /// Encodes and writes one column chunk of the open row group; returns its metadata.
    private func writeChunk(_ column: ColumnData, spec: ColumnSpec) throws(ParquetError) -> ColumnChunkMetadata {
        let chunk = try ColumnChunkEncoder(column: column, options: options).encode()
        var dictionaryOffset: Int64?
        if let dict = chunk.dictionaryPage {
            dictionaryOffset = file.offset
            try file.write(dict)
        }
        let dataOffset = file.offset
        for page in chunk.dataPages { try file.write(page) }
        return ColumnChunkMetadata(
            type: spec.type.physicalType, encodings: chunk.encodings, path: spec.path, codec: options.codec,
            numValues: chunk.numValues, totalUncompressedSize: chunk.uncompressedSize,
            totalCompressedSize: chunk.compressedSize, dataPageOffset: dataOffset,
            dictionaryPageOffset: dictionaryOffset, statistics: chunk.statistics, encodingStats: chunk.encodingStats)
    }

    /// Writes row group `group` of `source`, a file of the same schema, as this file's next row group: its column
    /// chunks are copied as they are (no decoding, no compression), but for the columns in `replacing` (by index),
    /// which are encoded anew from the values given (one for each of the group's rows). Buffered rows are written
    /// first, as their own row group.
    /// - Throws: `ParquetError` when the schemas differ, a replacement has another row count, or the source's chunk
    ///   lies outside its file.
    public func copyRowGroup(_ group: Int, of source: ParquetFileReader, replacing: [Int: ColumnData] = [:])
        throws(ParquetError)
    {
        try flushRowGroup()
        guard source.metadata.rowGroups.indices.contains(group) else {
            throw .invalidValue("no row group \(group) in \(source.path)")
        }
        let rg = source.metadata.rowGroups[group]
        guard source.schema.leaves.count == schema.columns.count,
            zip(source.schema.leaves, schema.columns).allSatisfy({
                $0.path == $1.path && $0.node.physicalType == $1.type.physicalType
            })
        else { throw .invalidValue("\(source.path) has another schema than the file being written") }
        let groupStart = file.offset
        var columns: [ColumnChunkMetadata] = []
        var totalUncompressed: Int64 = 0
        for i in schema.columns.indices {
            var meta: ColumnChunkMetadata
            if let values = replacing[i] {
                guard values.spec == schema.columns[i], Int64(values.rowCount) == rg.numRows else {
                    throw .invalidValue(
                        "the values replacing \(schema.columns[i].name) are not \(rg.numRows) of its type")
                }
                meta = try writeChunk(values, spec: schema.columns[i])
            } else {
                let (bytes, old) = try source.rawColumnChunk(rowGroup: group, column: i)
                // The chunk moves from old.startOffset to here: its page offsets move with it. Both lie in the chunk
                // (checked), so the new ones lie in the bytes written here.
                let dataInChunk = old.dataPageOffset.subtractingReportingOverflow(old.startOffset)
                guard !dataInChunk.overflow, dataInChunk.partialValue >= 0,
                    dataInChunk.partialValue < Int64(bytes.count) || bytes.isEmpty
                else {
                    throw .corruptMetadata(
                        "column \(i) of row group \(group) of \(source.path): its data page offset lies outside it")
                }
                meta = old
                meta.dataPageOffset = file.offset + dataInChunk.partialValue
                meta.dictionaryPageOffset = old.startOffset < old.dataPageOffset ? file.offset : nil
                try file.write(bytes)
            }
            totalUncompressed += meta.totalUncompressedSize
            columns.append(meta)
        }
        rowGroups.append(
            RowGroupMetadata(
                columns: columns, totalByteSize: totalUncompressed, numRows: rg.numRows, fileOffset: groupStart,
                totalCompressedSize: file.offset - groupStart))
        totalRows += rg.numRows
    }

    /// Writes the last row group and the footer, and closes the file.
    /// - Parameter sync: fsync before closing (for publishing; tests can skip it).
    /// - Returns: the footer as written.
    @discardableResult
    public func close(sync: Bool = false) throws(ParquetError) -> FileMetadata {
        guard !closed else { throw .io("\(file.path) is already closed") }
        try flushRowGroup()
        closed = true
        let metadata = FileMetadata(
            version: 2, schema: schema.elements, numRows: totalRows, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata, createdBy: options.createdBy, hasColumnOrders: true)
        let footer = metadata.encoded()
        try file.write(footer)
        var tail: [UInt8] = []
        tail.appendLittleEndian(UInt32(footer.count))
        tail.append(contentsOf: Array("PAR1".utf8))
        try file.write(tail)
        try file.close(sync: sync)
        return metadata
    }

    /// Bytes written so far (row groups flushed; not the open one).
    public var bytesWritten: Int64 { file.offset }
}
