import Foundation

/// Finds the input files under the given paths and reads their records in a fixed order
/// (paths as given; folders recursively, entries sorted by name), handing each item to `emit`.
public struct InputReader {
    /// An input file with its size, for progress and the manifest.
    public struct InputFile: Sendable, Equatable {
        public var path: String
        public var bytes: Int64
        /// A piece of a large JSON lines or CSV file (`warraq run --task`, `TaskSlicer`): only the records whose
        /// first byte lies in it are read (the file is still scanned from its start, so that record numbers and
        /// errors are those of the whole file). Nil: the whole file.
        public var piece: Range<Int64>?

        public init(path: String, bytes: Int64, piece: Range<Int64>? = nil) {
            self.path = path
            self.bytes = bytes
            self.piece = piece
        }
    }

    public let paths: [String]

    public init(paths: [String]) { self.paths = paths }

    /// Extensions of files that a folder scan passes over (documentation, code, configuration):
    /// they are not articles. A file named on the command line is read whatever its name.
    static let ignoredExtensions: Set<String> = [
        "md", "markdown", "rst", "yaml", "yml", "toml", "ini", "cfg", "py", "ipynb", "sh", "swift", "log", "lock",
        "png", "jpg", "jpeg", "gif", "svg", "pdf", "html", "htm", "css", "js",
    ]

    /// Every input file, in reading order, the files a folder scan passed over, and unreadable paths as
    /// rejections.
    public func scan() -> (files: [InputFile], skipped: [String], problems: [Rejection]) {
        var skipped: [String] = []
        var files: [InputFile] = []
        var problems: [Rejection] = []
        var seenDirectories = Set<String>()
        func visit(_ path: String, depth: Int) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(
                    Rejection(
                        inputPath: path, inputRecord: nil, reason: .missingInput,
                        detail: "\(path) does not exist (or is a broken link)"))
                return
            }
            if isDirectory.boolValue {
                // Symlink loops: each real folder is entered once.
                let real =
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { _ in
                        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    } ?? URL(fileURLWithPath: path).standardizedFileURL.path
                guard depth < 64, seenDirectories.insert(real).inserted else {
                    problems.append(
                        Rejection(
                            inputPath: path, inputRecord: nil, reason: .symlinkLoop,
                            detail: "\(path) was already read (a symlink loop?)"))
                    return
                }
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                    problems.append(
                        Rejection(
                            inputPath: path, inputRecord: nil, reason: .unreadableFile,
                            detail: "cannot list the folder \(path)"))
                    return
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    visit(path.hasSuffix("/") ? path + name : path + "/" + name, depth: depth + 1)
                }
                return
            }
            let ext = (path as NSString).pathExtension.lowercased()
            if depth > 0 && Self.ignoredExtensions.contains(ext) {
                skipped.append(path)
                return
            }
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
            files.append(InputFile(path: path, bytes: size))
        }
        for p in paths { visit(p, depth: 0) }
        return (files, skipped, problems)
    }

    /// Reads one input file, handing every record or rejection to `emit` in order.
    /// - Returns: the file's SHA-256 (hashed as it is read), or nil when it could not be read (or `file` is a piece
    ///   that ends before the file does).
    @discardableResult
    public static func read(
        _ file: InputFile, maxRecordBytes: Int = IngestOptions().maxRecordBytes,
        emit rawEmit: @escaping (IngestItem) throws -> Void
    ) throws -> String? {
        let source = defaultSource(for: file.path)
        let emit = { (item: IngestItem) in try rawEmit(item.from(file: file.path)) }
        var raw: FileByteSource?
        do {
            guard FileManager.default.fileExists(atPath: file.path) else { throw InputVanished(path: file.path) }
            // A piece that ends before the file does stops there: the task with the last piece hashes the file.
            raw = try FileByteSource(path: file.path, hashing: file.piece.map { $0.upperBound == .max } ?? true)
            let reader = BufferedReader(raw!, maxLineLength: maxRecordBytes)
            let head = try reader.peek(512)
            let format = InputFormat.detect(name: file.path, head: head)
            try readStream(
                reader, format: format, name: file.path, path: file.path, defaultSource: source,
                maxRecordBytes: maxRecordBytes, piece: file.piece, emit: emit)
        } catch let error as IngestError {
            // An error about the whole file is the first piece's to report.
            guard file.piece.map({ $0.contains(0) }) ?? true else { return nil }
            try emit(
                .rejected(Rejection(inputPath: file.path, inputRecord: nil, reason: error.reason, detail: error.detail))
            )
        }
        return try? raw?.finishHash()
    }

    private static func readStream(
        _ reader: BufferedReader, format: InputFormat, name: String, path: String, defaultSource: String,
        maxRecordBytes: Int, piece: Range<Int64>? = nil, emit: @escaping (IngestItem) throws -> Void
    ) throws {
        var records = RecordReaders(
            inputPath: name, defaultSource: defaultSource, emit: emit, maxRecordBytes: maxRecordBytes)
        switch format {
        case .parquet:
            try records.readParquet(path: path)
        case .zip:
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
            let archive = try ZipArchive(path: path, fileSize: size)
            if archive.entries.allSatisfy(\.isDirectory) {
                try emit(
                    .rejected(
                        Rejection(
                            inputPath: name, inputRecord: nil, reason: .emptyFile,
                            detail: "the zip archive holds no files")))
            }
            for entry in archive.entries where !entry.isDirectory {
                let entryName = "\(name)!/\(entry.name)"
                do {
                    let inner = BufferedReader(try archive.open(entry), maxLineLength: maxRecordBytes)
                    let head = try inner.peek(512)
                    var format = InputFormat.detect(name: entry.name, head: head)
                    if format == .zip || format == .parquet {
                        throw IngestError.nestedArchive(name: entryName, format: format.rawValue, insideGzip: false)
                    }
                    if format == .gzip { format = .text }
                    try readStream(
                        inner, format: format, name: entryName, path: path, defaultSource: defaultSource,
                        maxRecordBytes: maxRecordBytes, emit: emit)
                } catch let error as IngestError {
                    try emit(
                        .rejected(
                            Rejection(
                                inputPath: entryName, inputRecord: nil, reason: error.reason, detail: error.detail)))
                }
            }
        case .gzip:
            let inner = BufferedReader(
                try InflatingByteSource(reader.asSource(), name: name), maxLineLength: maxRecordBytes)
            let innerName = name.lowercased().hasSuffix(".gz") ? String(name.dropLast(3)) : name
            let head = try inner.peek(512)
            let format = InputFormat.detect(name: innerName, head: head)
            guard format != .zip && format != .parquet && format != .gzip else {
                throw IngestError.nestedArchive(name: name, format: format.rawValue, insideGzip: true)
            }
            let (text, encoding) = try withoutByteOrderMark(inner, name: name)
            records.streamEncoding = encoding
            try records.read(text, format: format)
        default:
            let (text, encoding) = try withoutByteOrderMark(reader, name: name)
            records.streamEncoding = encoding
            if format.isSplittable { records.piece = piece }
            try records.read(text, format: format)
        }
    }

    /// Skips a UTF-8 byte order mark, or transcodes a UTF-16 stream (by its BOM) to UTF-8.
    /// - Returns: the reader to read the text from, and `.utf16` when it was transcoded.
    private static func withoutByteOrderMark(_ reader: BufferedReader, name: String) throws -> (
        BufferedReader, TextEncoding?
    ) {
        let head = try reader.peek(3)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            _ = try reader.withBuffered { _ in (3, ()) }
            return (reader, nil)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            _ = try reader.withBuffered { _ in (2, ()) }
            let utf16 = UTF16ByteSource(reader.asSource(), littleEndian: head[0] == 0xFF, name: name)
            return (BufferedReader(utf16, maxLineLength: reader.maxLineLength), .utf16)
        }
        return (reader, nil)
    }

    /// The source of records that name none: the name of the input's folder.
    static func defaultSource(for path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        if folder.isEmpty || folder == "." || folder == "/" {
            return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        }
        return folder
    }
}

/// An input that was listed at the start of a run and is gone when its turn comes: the run stops and
/// publishes nothing, since a moving input folder is not a state to publish.
public struct InputVanished: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var description: String {
        "the input \(path) disappeared during the run; nothing was published (the previous dataset is intact). "
            + "Run again once the inputs stay in place."
    }
}

extension BufferedReader {
    /// This reader's remaining bytes as a source (for a decompressor stacked on top).
    func asSource() -> any ByteSource { BufferedReaderSource(self) }
}

private final class BufferedReaderSource: ByteSource {
    let reader: BufferedReader
    init(_ reader: BufferedReader) { self.reader = reader }
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let got: Int? = try reader.withBuffered { bytes in
            if bytes.isEmpty { return (0, nil) }
            let n = min(count, bytes.count)
            buffer.copyMemory(from: bytes.baseAddress!, byteCount: n)
            return (n, n)
        }
        return got ?? 0
    }
}
