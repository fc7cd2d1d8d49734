/// Reads a Parquet file: its footer and schema on open, then row groups on demand.
///
/// Memory is bounded by one row group's selected columns; every offset, length and count in the
/// file is checked, so a corrupt file gives a `ParquetError`, never a crash or a hang.
public final class ParquetFileReader: Sendable {
    public let path: String
    public let metadata: FileMetadata
    public let schema: SchemaTree
    private let file: InputFile
    /// Where column data ends and the footer begins.
    private let dataEnd: Int64

    /// Opens `path` and reads its footer.
    public init(path: String) throws(ParquetError) {
        self.path = path
        file = try InputFile(path: path)
        guard file.size >= 12 else { throw .notParquet("\(path) has \(file.size) bytes, too short for Parquet") }
        let head = try file.read(at: 0, count: 4)
        let tail = try file.read(at: file.size - 8, count: 8)
        guard head == Array("PAR1".utf8) else { throw .notParquet("\(path) does not start with PAR1") }
        guard Array(tail[4...]) == Array("PAR1".utf8) else {
            if Array(tail[4...]) == Array("PARE".utf8) { throw .unsupported("encrypted footer (PARE) in \(path)") }
            throw .notParquet("\(path) does not end with PAR1 (truncated?)")
        }
        let footerLength = Int64(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength <= file.size - 12 else {
            throw .corruptMetadata("footer length \(footerLength) is larger than the file (\(file.size) bytes)")
        }
        dataEnd = file.size - 8 - footerLength
        let footer = try file.read(at: dataEnd, count: Int(footerLength))
        var decoded = try footer.withBytes { (raw) throws(ParquetError) in
            var reader = CompactReader(raw, what: "footer")
            return try FileMetadata(try reader.readStruct())
        }
        // Some old writers left the footer's num_rows at 0: the row groups' counts, each checked
        // against its column data when read, are the ones to trust.
        decoded.numRows = decoded.rowGroups.reduce(Int64(0)) { $0 + $1.numRows }
        metadata = decoded
        schema = try SchemaTree(elements: metadata.schema)
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == schema.leaves.count else {
                throw .corruptMetadata(
                    "row group \(g) has \(group.columns.count) columns, the schema has \(schema.leaves.count)")
            }
            for (c, column) in group.columns.enumerated() {
                let leaf = schema.leaves[c]
                guard column.type == leaf.node.physicalType else {
                    throw .corruptMetadata(
                        "row group \(g) column \(leaf.dottedPath) is \(column.type), "
                            + "the schema says \(leaf.node.physicalType!)"
                    )
                }
            }
        }
    }

    /// The top-level column names.
    public var columnNames: [String] { schema.root.children.map(\.name) }

    /// Reads the records of row group `index`, keeping only the top-level columns named in `columns` (all if nil).
    /// - Throws: `ParquetError` naming the column and what is wrong, or an unknown column.
    public func readRows(rowGroup index: Int, columns: [String]? = nil) throws(ParquetError) -> [ParquetValue] {
        guard metadata.rowGroups.indices.contains(index) else { throw .invalidValue("no row group \(index)") }
        let group = metadata.rowGroups[index]
        var selected: [Int] = []
        if let columns {
            for name in columns where !columnNames.contains(name) {
                throw .invalidValue("no column \"\(name)\" in \(path) (it has: \(columnNames.joined(separator: ", ")))")
            }
            // Keep the file's order within the selection, then reorder records to the requested order.
            selected = schema.leaves.indices.filter { columns.contains(schema.leaves[$0].path[0]) }
        } else {
            selected = Array(schema.leaves.indices)
        }
        guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
            throw .corruptMetadata("row group \(index) claims \(group.numRows) rows")
        }
        try checkExpansion(rowGroup: index, columns: selected)
        var data: [LeafData] = []
        for c in selected {
            data.append(
                try ColumnChunkReader(leaf: schema.leaves[c], meta: group.columns[c]).read(from: file, dataEnd: dataEnd)
            )
        }
        let rows = try RecordAssembler(
            leaves: selected.map { schema.leaves[$0] }, data: data, rowCount: Int(group.numRows)
        ).records()
        guard let columns else { return rows }
        return rows.map { row in
            guard case .record(let fields) = row else { return row }
            return .record(columns.compactMap { name in fields.first { $0.name == name } })
        }
    }

    /// Records cost tens of bytes a cell when assembled, so a row group may not expand without bound:
    /// a few bytes of RLE can claim 2^26 rows. Past `Self.expansionFloor` cells, a row group must hold at least
    /// one byte of column data for every `Self.maxRowsPerByte` rows (a decompression-bomb guard: only
    /// all-null or constant columns come near it).
    private func checkExpansion(rowGroup index: Int, columns: [Int]) throws(ParquetError) {
        let group = metadata.rowGroups[index]
        let cells = group.numRows.multipliedReportingOverflow(by: Int64(max(columns.count, 1)))
        guard cells.overflow || cells.partialValue > Self.expansionFloor else { return }
        var bytes: Int64 = 0
        for c in columns {
            let (sum, overflow) = bytes.addingReportingOverflow(max(group.columns[c].totalCompressedSize, 0))
            bytes = overflow ? Int64.max : sum
        }
        guard group.numRows / Self.maxRowsPerByte <= bytes else {
            throw .corruptData(
                "row group \(index) claims \(group.numRows) rows in \(bytes) bytes of column data "
                    + "(more than \(Self.maxRowsPerByte) rows a byte): refusing to expand it")
        }
    }

    /// See `checkExpansion`.
    static let expansionFloor: Int64 = 1 << 22
    static let maxRowsPerByte: Int64 = 256

    /// The bytes of one column chunk as they are in the file (its pages, compressed), and its metadata: for copying a
    /// chunk into another file unchanged (`ParquetFileWriter.copyRowGroup`).
    /// - Throws: `ParquetError` when the chunk's offsets or size lie outside the file's column data.
    public func rawColumnChunk(rowGroup g: Int, column c: Int) throws(ParquetError) -> (
        bytes: [UInt8], metadata: ColumnChunkMetadata
    ) {
        guard metadata.rowGroups.indices.contains(g), metadata.rowGroups[g].columns.indices.contains(c) else {
            throw .invalidValue("no column \(c) in row group \(g) of \(path)")
        }
        let meta = metadata.rowGroups[g].columns[c]
        let start = meta.startOffset, length = meta.totalCompressedSize
        let (end, overflow) = start.addingReportingOverflow(length)
        guard start >= 4, length >= 0, !overflow, end <= dataEnd, length <= Int64(Int32.max) else {
            throw .corruptMetadata(
                "column \(c) of row group \(g) claims bytes \(start)+\(length), outside the column data of \(path)")
        }
        return (try file.read(at: start, count: Int(length)), meta)
    }

    /// Reads every row of the file (for small files and tests; prefer `readRows(rowGroup:)`).
    public func readAllRows(columns: [String]? = nil) throws(ParquetError) -> [ParquetValue] {
        var out: [ParquetValue] = []
        for g in metadata.rowGroups.indices { out += try readRows(rowGroup: g, columns: columns) }
        return out
    }
}
