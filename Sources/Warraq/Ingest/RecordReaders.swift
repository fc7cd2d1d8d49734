import Parquet

/// Reads the records of one input stream in a given format and hands each to `emit` in order.
/// A broken record is rejected and reading goes on; a broken stream rejects the rest of the input.
struct RecordReaders {
    let inputPath: String
    let defaultSource: String
    let emit: (IngestItem) throws -> Void
    /// The encoding the whole stream was transcoded from (UTF-16), which every record then reports.
    var streamEncoding: TextEncoding?
    /// Largest record: a JSON line, array element, CSV row or text file past it is rejected as `record_too_large`.
    let maxRecordBytes: Int
    /// Only the records whose first byte (in the stream read) lies in this range are handed on (`InputFile.piece`).
    var piece: Range<Int64>?
    /// Where the record being read started: it decides which piece a record or an error belongs to.
    private let cursor = Cursor()

    private final class Cursor { var start: Int64 = 0 }

    init(
        inputPath: String, defaultSource: String, emit: @escaping (IngestItem) throws -> Void, maxRecordBytes: Int
    ) {
        self.inputPath = inputPath
        self.defaultSource = defaultSource
        self.emit = emit
        self.maxRecordBytes = maxRecordBytes
    }

    /// Whether the record being read is this reader's to hand on (always, unless reading a piece).
    private var owned: Bool { piece?.contains(cursor.start) ?? true }

    /// Marks the start of the next record at `offset`; false once it lies past the piece (reading can stop).
    private func begin(at offset: Int64) -> Bool {
        cursor.start = offset
        return offset < piece?.upperBound ?? .max
    }

    private func reject(_ record: Int?, _ error: IngestError, _ excerpt: String? = nil) throws {
        guard owned else { return }
        try emit(
            .rejected(
                Rejection(
                    inputPath: inputPath, inputRecord: record, reason: error.reason, detail: error.detail,
                    excerpt: excerpt)))
    }

    private func record(_ fields: JSONObject, _ n: Int, plain: Bool = false, encoding: TextEncoding) throws {
        guard owned else { return }
        try emit(
            .record(
                RawRecord(
                    fields: fields, inputPath: inputPath, inputRecord: n, isPlainText: plain,
                    encoding: streamEncoding ?? encoding, defaultSource: defaultSource)))
    }

    /// Reads `reader` as `format`, handing every record or rejection to `emit`.
    func read(_ reader: BufferedReader, format: InputFormat) throws {
        do {
            if try reader.peek(1).isEmpty {
                try reject(nil, .emptyInput)
                return
            }
            switch format {
            case .jsonl: try readJSONLines(reader)
            case .json: try readJSON(reader)
            case .csv: try readCSV(reader, separator: UInt8(ascii: ","))
            case .tsv: try readCSV(reader, separator: 0x09)
            case .text: try readText(reader)
            case .parquet, .gzip, .zip:
                preconditionFailure("containers are opened by InputReader")
            }
        } catch let error as IngestError {
            try reject(nil, .stopped(error))
        }
    }

    private func readJSONLines(_ reader: BufferedReader) throws {
        var line = 0
        while begin(at: reader.consumed) {
            let result: Bool?
            do {
                result = try reader.nextLine { bytes -> Bool in
                    line += 1
                    if !owned || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
                    switch RecordDecoding.jsonObject(bytes) {
                    case .success(let (object, encoding)): try record(object, line, encoding: encoding)
                    case .failure(let e):
                        try reject(
                            line, .at(.line(line), e), RecordDecoding.excerpt(bytes))
                    }
                    return true
                }
            } catch let e as IngestError where e.reason == .recordTooLarge {
                line += 1
                try reject(line, .at(.line(line), e))
                continue
            }
            if result == nil { return }
        }
    }

    /// A JSON array of objects, element by element (never the whole array in memory), or one object.
    private func readJSON(_ reader: BufferedReader) throws {
        var head = try reader.peek(4)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            _ = try reader.withBuffered { _ in (3, ()) }
            head = try reader.peek(4)
        }
        var scanner = JSONArrayScanner(maxElementBytes: maxRecordBytes)
        var element = 0
        while true {
            let next: JSONArrayScanner.Step? = try reader.withBuffered { bytes in
                let (used, step) = scanner.next(bytes)
                switch step {
                case .element(let range)?:
                    element += 1
                    let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
                    switch RecordDecoding.jsonObject(slice) {
                    case .success(let (object, encoding)): try record(object, element, encoding: encoding)
                    case .failure(let e):
                        try reject(
                            element, .at(.element(element), e),
                            RecordDecoding.excerpt(slice))
                    }
                    return (used, step)
                default:
                    return (used, step)
                }
            }
            switch next {
            case .element?: continue
            case .tooLarge(let bytes)?:
                element += 1
                try reject(
                    element,
                    .at(.element(element), .recordTooLarge(bytes: bytes, limit: maxRecordBytes, textBytes: false)))
            case .end?: return
            case .invalid(let message)?:
                throw IngestError.invalidJSONArray(afterElements: element, problem: message)
            case nil:
                if scanner.sawAnything {
                    throw IngestError.truncatedJSON(afterElements: element)
                }
                return
            }
        }
    }

    private func readCSV(_ reader: BufferedReader, separator: UInt8) throws {
        var scanner = CSVScanner(separator: separator, maxRecordBytes: maxRecordBytes)
        var header: [String]?
        var row = 0
        while begin(at: reader.consumed) || header == nil {
            let scanned: CSVScanner.Record? = try reader.withBuffered { bytes in
                scanner.next(bytes, atEnd: reader.atEnd)
            }
            guard let scanned else {
                if scanner.unterminatedQuote {
                    throw IngestError.csvUnbalancedQuote(afterRow: row)
                }
                return
            }
            guard case .fields(let fields) = scanned else {
                guard header != nil else {
                    throw IngestError.csvHeaderTooLarge
                }
                row += 1
                if case .tooLarge(let bytes) = scanned {
                    try reject(
                        row,
                        .at(.dataRow(row), .recordTooLarge(bytes: bytes, limit: maxRecordBytes, textBytes: false)))
                }
                continue
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            guard let keys = header else {
                header = fields.map { TextDecoding.decode($0)?.text ?? "" }
                continue
            }
            row += 1
            guard fields.count == keys.count else {
                let text = fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
                try reject(
                    row,
                    .at(.dataRow(row), .csvFieldCount(fields: fields.count, header: keys.count)),
                    String(text.prefix(200)))
                continue
            }
            var object = JSONObject()
            var encoding = TextEncoding.utf8
            var undecodable = false
            for (key, bytes) in zip(keys, fields) {
                guard let (text, source) = TextDecoding.decode(bytes) else { undecodable = true; break }
                if source != .utf8 { encoding = source }
                object.members.append((key, text.isEmpty ? .null : .string(text)))
            }
            if undecodable {
                try reject(
                    row,
                    .at(.dataRow(row), .undecodableRecord)
                )
                continue
            }
            try record(object, row, encoding: encoding)
        }
    }

    private func readText(_ reader: BufferedReader) throws {
        let bytes: [UInt8]
        do { bytes = try reader.readAll(limit: maxRecordBytes) } catch let e as IngestError
            where e.reason == .recordTooLarge
        {
            try reject(1, e)
            return
        }
        if bytes.prefix(8192).contains(0) && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            try reject(1, .binaryFile)
            return
        }
        guard let (text, encoding) = TextDecoding.decode(bytes) else {
            try reject(
                1, .undecodableFile,
                bytes.withUnsafeBytes { RecordDecoding.excerpt($0) })
            return
        }
        try record(JSONObject(members: [("text", .string(text))]), 1, plain: true, encoding: encoding)
    }

    /// Reads a Parquet file row by row (one row group at a time).
    func readParquet(path: String) throws {
        let file: ParquetFileReader
        do { file = try ParquetFileReader(path: path) } catch {
            try reject(nil, .invalidParquet(problem: "\(error)"))
            return
        }
        var row = 0
        for g in file.metadata.rowGroups.indices {
            let rows: [ParquetValue]
            do { rows = try file.readRows(rowGroup: g) } catch {
                try reject(
                    nil, .invalidRowGroup(g, problem: "\(error)"))
                return
            }
            for value in rows {
                row += 1
                guard case .record(let fields) = value else { continue }
                let size = Self.textBytes(value)
                if size > maxRecordBytes {
                    try reject(
                        row,
                        .at(.row(row), .recordTooLarge(bytes: size, limit: maxRecordBytes, textBytes: true)))
                    continue
                }
                try record(
                    JSONObject(members: fields.map { ($0.name, $0.value.json(.textOnly)) }), row, encoding: .utf8)
            }
        }
        if row == 0 && file.metadata.numRows == 0 {
            try reject(nil, .emptyParquet)
        }
    }

    /// The bytes of text and binary a row holds (what it costs to clean and annotate).
    static func textBytes(_ v: ParquetValue) -> Int {
        switch v {
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let items): return items.reduce(0) { $0 + textBytes($1) }
        case .record(let fields): return fields.reduce(0) { $0 + textBytes($1.value) }
        default: return 8
        }
    }
}
