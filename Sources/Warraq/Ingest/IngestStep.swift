/// The ingest step: the input files under the given paths, in reading order, and each file's records (or
/// rejections) in order. Runs on its own thread in a pipeline run (`OrderedProcessing`).
public struct IngestStep: Sendable {
    public let options: IngestOptions

    public init(options: IngestOptions) { self.options = options }

    /// Every input file under `paths`, the files a folder scan passed over, and unreadable paths as rejections.
    public func scan(_ paths: [String]) -> (files: [InputReader.InputFile], skipped: [String], problems: [Rejection]) {
        InputReader(paths: paths).scan()
    }

    /// Reads one file, handing every record or rejection to `emit` in order; returns the file's SHA-256, or nil
    /// when it could not be read.
    @discardableResult
    public func read(_ file: InputReader.InputFile, emit: @escaping (IngestItem) throws -> Void) throws -> String? {
        try InputReader.read(file, maxRecordBytes: options.maxRecordBytes, emit: emit)
    }
}
