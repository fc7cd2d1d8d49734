/// What went wrong reading an input, and where: the rejects file's `reason` (`reason`) and `detail`
/// (`description`). A record reader wraps a record's problem in `at(_:_:)` with its position, and a problem that
/// stops the reader in `stopped(_:)`.
public indirect enum IngestError: Error, CustomStringConvertible, Sendable {
    /// Where a record sits in its input, as the rejects file names it.
    public enum Place: Sendable, CustomStringConvertible {
        case line(Int), element(Int), dataRow(Int), row(Int)

        public var description: String {
            switch self {
            case .line(let n): return "line \(n)"
            case .element(let n): return "element \(n)"
            case .dataRow(let n): return "data row \(n)"
            case .row(let n): return "row \(n)"
            }
        }
    }

    // Files
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case emptyInput
    case emptyParquet
    case binaryFile
    /// A zip or gzip file inside a zip, or a compressed stream inside gzip: not unpacked.
    case nestedArchive(name: String, format: String, insideGzip: Bool)
    // Archives and compression
    case corruptZip(path: String, problem: String)
    case unsupportedZipMethod(path: String, entry: String, method: Int)
    case inflateInit(name: String, code: Int32)
    case truncatedGzip(name: String)
    case corruptGzip(name: String, problem: String)
    case inflatesPast(name: String, bytes: Int64)
    case inflatesTooManyTimes(name: String, ratio: Int64)
    // Sizes (ingest.max_record_bytes)
    /// A line longer than the limit; its length when the reader saw its end.
    case lineTooLong(bytes: Int?, limit: Int)
    /// A record the buffered reader would have to hold whole past the limit.
    case bufferedPast(limit: Int)
    /// A whole-file record (a text file) past the limit.
    case fileTooLarge(limit: Int)
    /// A record of `bytes` (`textBytes`: of text, for a Parquet row) past the limit.
    case recordTooLarge(bytes: Int, limit: Int, textBytes: Bool)
    case csvHeaderTooLarge
    // Text and records
    case undecodableRecord
    case undecodableFile
    case truncatedUTF16(name: String)
    case unpairedSurrogate(name: String)
    case invalidJSON(problem: String)
    case invalidJSONArray(afterElements: Int, problem: String)
    case truncatedJSON(afterElements: Int)
    case notAnObject(kind: String)
    case csvUnbalancedQuote(afterRow: Int)
    case csvFieldCount(fields: Int, header: Int)
    case invalidParquet(problem: String)
    case invalidRowGroup(Int, problem: String)
    /// A record's problem, at its place in the input.
    case at(Place, IngestError)
    /// A problem after which the rest of the input was not read.
    case stopped(IngestError)

    /// The reject reason it counts under.
    public var reason: RejectReason {
        switch self {
        case .cannotOpen, .cannotRead: return .unreadableFile
        case .emptyInput, .emptyParquet: return .emptyFile
        case .binaryFile: return .binaryFile
        case .nestedArchive: return .nestedArchive
        case .corruptZip: return .corruptZip
        case .unsupportedZipMethod: return .unsupportedZipMethod
        case .inflateInit: return .gzipError
        case .truncatedGzip: return .truncatedGzip
        case .corruptGzip: return .corruptGzip
        case .inflatesPast, .inflatesTooManyTimes: return .decompressionBomb
        case .lineTooLong, .bufferedPast, .fileTooLarge, .recordTooLarge, .csvHeaderTooLarge: return .recordTooLarge
        case .undecodableRecord, .undecodableFile, .truncatedUTF16, .unpairedSurrogate: return .undecodableText
        case .invalidJSON, .invalidJSONArray, .truncatedJSON: return .invalidJSON
        case .notAnObject: return .notAnObject
        case .csvUnbalancedQuote: return .csvUnbalancedQuote
        case .csvFieldCount: return .csvFieldCount
        case .invalidParquet, .invalidRowGroup: return .invalidParquet
        case .at(_, let inner), .stopped(let inner): return inner.reason
        }
    }

    /// What was wrong and where in the input, for a person (the rejects file's `detail`).
    public var detail: String { description }

    public var description: String {
        let limitName = "ingest.max_record_bytes"
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .emptyInput: return "the input is empty"
        case .emptyParquet: return "the Parquet file has no rows"
        case .binaryFile: return "the file holds NUL bytes: it is binary, not text"
        case .nestedArchive(let name, let format, let insideGzip):
            let inside = insideGzip ? "stream inside gzip" : "file inside a zip"
            return "\(name): a \(format) \(inside) is not read; unpack it first"
        case .corruptZip(let path, let problem): return "\(path): \(problem)"
        case .unsupportedZipMethod(let path, let entry, let method):
            return "\(path): \(entry): compression method \(method) (only stored and deflate are read)"
        case .inflateInit(let name, let code): return "\(name): zlib inflateInit2 failed (\(code))"
        case .truncatedGzip(let name): return "\(name): the compressed stream ends early (truncated)"
        case .corruptGzip(let name, let problem): return "\(name): the compressed data is corrupt (\(problem))"
        case .inflatesPast(let name, let bytes): return "\(name): inflates to more than \(bytes) bytes"
        case .inflatesTooManyTimes(let name, let ratio):
            return "\(name): inflates more than \(ratio) times (a decompression bomb?); not read"
        case .lineTooLong(let bytes?, let limit): return "a line of \(bytes) bytes, longer than \(limit) (\(limitName))"
        case .lineTooLong(nil, let limit): return "a line is longer than \(limit) bytes (\(limitName))"
        case .bufferedPast(let limit): return "a record is larger than \(limit) bytes"
        case .fileTooLarge(let limit): return "more than \(limit) bytes (\(limitName))"
        case .recordTooLarge(let bytes, let limit, let textBytes):
            return "\(bytes) bytes\(textBytes ? " of text" : ""), more than \(limitName) (\(limit))"
        case .csvHeaderTooLarge: return "the CSV header is larger than \(limitName)"
        case .undecodableRecord: return "bytes that are neither UTF-8 nor Windows-1256 text"
        case .undecodableFile: return "neither UTF-8, UTF-16 with a BOM, nor Windows-1256 text"
        case .truncatedUTF16(let name): return "\(name): the UTF-16 text ends in the middle of a character"
        case .unpairedSurrogate(let name): return "\(name): an unpaired UTF-16 surrogate"
        case .invalidJSON(let problem): return "invalid JSON: \(problem)"
        case .invalidJSONArray(let n, let problem): return "after \(n) elements: \(problem)"
        case .truncatedJSON(let n): return "the JSON ends early after \(n) elements (truncated?)"
        case .notAnObject(let kind): return "expected a JSON object, got \(kind)"
        case .csvUnbalancedQuote(let row): return "a quoted field is never closed (after data row \(row))"
        case .csvFieldCount(let fields, let header): return "\(fields) fields, the header has \(header)"
        case .invalidParquet(let problem): return problem
        case .invalidRowGroup(let g, let problem):
            return "row group \(g): \(problem); the rest of the file was not read"
        case .at(let place, let inner): return "\(place): \(inner.description)"
        case .stopped(let inner): return "\(inner.description); the rest of the input was not read"
        }
    }
}
