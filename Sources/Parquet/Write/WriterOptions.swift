/// How a Parquet file is written.
public struct WriterOptions: Sendable {
    /// Page codec: `.gzip` (default), `.zstd`, `.snappy` or `.uncompressed` (`CompressionCodec.writable`).
    public var codec: CompressionCodec = .gzip
    /// The codec's level (`CompressionCodec.levels`: gzip 0...12, zstd 1...22); nil: its default (6, 3).
    public var compressionLevel: Int32?
    /// A row group is closed once its buffered column data reaches this many bytes.
    public var rowGroupSize: Int = 128 << 20
    /// Data pages are cut at about this many bytes of encoded values (nil: the codec's `defaultPageSize`)...
    public var pageSize: Int?
    /// ...or this many rows, whichever comes first.
    public var maxRowsPerPage: Int = 20_000
    /// A column falls back from dictionary to PLAIN once its dictionary passes this many bytes.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// Whether to try dictionary encoding at all.
    public var dictionaryEnabled = true
    /// String statistics longer than this are truncated (min) or rounded up (max).
    public var statisticsTruncateLength: Int = 128
    /// Reserve address space for a whole row group of strings up front (no doubling copies; untouched
    /// pages cost no memory). Turn off when many writers are open at once.
    public var reserveRowGroupMemory = true
    /// Threads that compress pages; 1 compresses on the calling thread.
    public var concurrency: Int = 1
    /// Key/value metadata stored in the footer.
    public var keyValueMetadata: [KeyValue] = []
    /// The footer's `created_by`: the program that writes the file, as `NAME version X.Y.Z` (the form readers
    /// parse to work around known writers' bugs). The caller names itself; nil leaves the field out.
    public var createdBy: String?

    public init() {}

    /// The page size in effect: `pageSize`, or the codec's default.
    var effectivePageSize: Int { pageSize ?? codec.defaultPageSize }
}
