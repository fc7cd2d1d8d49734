/// Parquet physical types (parquet.thrift `Type`).
public enum PhysicalType: Int32, Sendable, CustomStringConvertible {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7

    public var description: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Field repetition (parquet.thrift `FieldRepetitionType`).
public enum Repetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// Value and level encodings (parquet.thrift `Encoding`).
public enum Encoding: Int32, Sendable, CustomStringConvertible {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
    case deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

    public var description: String {
        switch self {
        case .plain: return "PLAIN"
        case .plainDictionary: return "PLAIN_DICTIONARY"
        case .rle: return "RLE"
        case .bitPacked: return "BIT_PACKED"
        case .deltaBinaryPacked: return "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: return "DELTA_BYTE_ARRAY"
        case .rleDictionary: return "RLE_DICTIONARY"
        case .byteStreamSplit: return "BYTE_STREAM_SPLIT"
        }
    }
}

/// Compression codecs (parquet.thrift `CompressionCodec`).
public enum CompressionCodec: Int32, Sendable, CustomStringConvertible {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    public var description: String {
        switch self {
        case .uncompressed: return "UNCOMPRESSED"
        case .snappy: return "SNAPPY"
        case .gzip: return "GZIP"
        case .lzo: return "LZO"
        case .brotli: return "BROTLI"
        case .lz4: return "LZ4"
        case .zstd: return "ZSTD"
        case .lz4Raw: return "LZ4_RAW"
        }
    }
}

/// Page types (parquet.thrift `PageType`).
public enum PageType: Int32, Sendable, CustomStringConvertible {
    case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3

    public var description: String {
        switch self {
        case .dataPage: return "DATA_PAGE"
        case .indexPage: return "INDEX_PAGE"
        case .dictionaryPage: return "DICTIONARY_PAGE"
        case .dataPageV2: return "DATA_PAGE_V2"
        }
    }
}

/// Legacy converted types (parquet.thrift `ConvertedType`); only the ones we act on are named.
public enum ConvertedType: Int32, Sendable {
    case utf8 = 0, map = 1, mapKeyValue = 2, list = 3, enumType = 4, decimal = 5, date = 6
    case timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
    case uint8 = 11, uint16 = 12, uint32 = 13, uint64 = 14, int8 = 15, int16 = 16, int32 = 17, int64 = 18
    case json = 19, bson = 20, interval = 21
}

/// Time units of TIMESTAMP and TIME logical types.
public enum TimeUnit: Sendable, Equatable {
    case millis, micros, nanos
}

/// The logical types this library writes or interprets when reading.
public enum LogicalType: Sendable, Equatable {
    case string, map, list, enumType, json, bson, uuid, float16
    case date
    case timestamp(utc: Bool, unit: TimeUnit)
    case time(utc: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, signed: Bool)
    case decimal(scale: Int32, precision: Int32)
    case unknown
}

extension CompressionCodec {
    /// The codecs `ParquetFileWriter` compresses pages with.
    public static let writable: [CompressionCodec] = [.gzip, .zstd, .snappy, .uncompressed]

    /// The compression levels the codec takes (nil: it has none): gzip 0...12 (libdeflate's), zstd 1...22.
    public var levels: ClosedRange<Int32>? {
        switch self {
        case .gzip: return 0...12
        case .zstd: return 1...22
        default: return nil
        }
    }

    /// What is wrong with `level` for this codec ("must be in 1...22 for zstd", "does not apply to snappy"), or nil:
    /// the one check behind the pipeline file, `warraq convert` and the writer.
    public func levelProblem(_ level: Int32) -> String? {
        guard let levels else { return "does not apply to \(name)" }
        return levels.contains(level) ? nil : "must be in \(levels) for \(name)"
    }

    /// The level used when none is given: 6 for gzip, 3 for zstd; nil for a codec without levels.
    public var defaultLevel: Int32? {
        switch self {
        case .gzip: return 6
        case .zstd: return 3
        default: return nil
        }
    }

    /// The size the writer cuts data pages at unless told otherwise (`WriterOptions.pageSize`): 4 MiB for zstd, whose
    /// window (2 MiB at level 3, more above) then reaches the repeats between a page's articles (a reprinted story, a
    /// source's standing lines), 1 MiB for the rest (gzip's window is 32 KiB; snappy's blocks 64 KiB).
    public var defaultPageSize: Int { self == .zstd ? 4 << 20 : 1 << 20 }

    /// The lowercase name people write in settings: `gzip`, `snappy`, `zstd`, …, and `none` for uncompressed.
    public var name: String { self == .uncompressed ? "none" : description.lowercased() }

    /// The codec of a writable name (`gzip`, `zstd`, `snappy`, `none`), or nil.
    public init?(writableName name: String) {
        guard let codec = Self.writable.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = codec
    }
}
