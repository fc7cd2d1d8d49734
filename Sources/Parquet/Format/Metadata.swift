/// One element of the flattened schema (parquet.thrift `SchemaElement`).
struct SchemaElement: Sendable {
    var type: PhysicalType?
    var typeLength: Int32?
    var repetition: Repetition?
    var name: String
    var numChildren: Int32?
    var convertedType: ConvertedType?
    var logicalType: LogicalType?
    var scale: Int32?
    var precision: Int32?
}

/// Column-chunk or page statistics (parquet.thrift `Statistics`).
public struct Statistics: Sendable, Equatable {
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var minValue: [UInt8]?
    public var maxValue: [UInt8]?
    public var isMinExact: Bool?
    public var isMaxExact: Bool?
}

/// How many pages of one type used one encoding (parquet.thrift `PageEncodingStats`).
public struct PageEncodingCount: Sendable, Equatable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32
}

/// Metadata of one column chunk (parquet.thrift `ColumnMetaData`).
public struct ColumnChunkMetadata: Sendable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var path: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var dataPageOffset: Int64
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingCount]?

    /// Where the chunk's first page starts: the dictionary page if there is one.
    /// An offset of 0 means "absent" (several writers wrote 0 for none).
    public var startOffset: Int64 {
        if let d = dictionaryPageOffset, d > 0, d < dataPageOffset { return d }
        return dataPageOffset
    }
}

/// One row group (parquet.thrift `RowGroup`).
public struct RowGroupMetadata: Sendable {
    public var columns: [ColumnChunkMetadata]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
}

/// A key/value pair of the file's metadata.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) { self.key = key; self.value = value }
}

/// The file footer (parquet.thrift `FileMetaData`).
public struct FileMetadata: Sendable {
    public var version: Int32
    var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroupMetadata]
    public var keyValueMetadata: [KeyValue]
    public var createdBy: String?
    public var hasColumnOrders: Bool
}

/// A page header (parquet.thrift `PageHeader` with its per-type headers flattened).
struct PageHeader: Sendable {
    var type: PageType
    var uncompressedSize: Int32
    var compressedSize: Int32
    var crc: Int32?
    /// Values in the page, levels included (data pages, dictionary pages).
    var numValues: Int32
    var encoding: Encoding
    var definitionLevelEncoding: Encoding = .rle
    var repetitionLevelEncoding: Encoding = .rle
    // Data page V2 only.
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed: Bool = true
    var statistics: Statistics?
}
