import Foundation

/// Streams JSON values to a file, one a line, buffered (the rejects file, a task's dedup rows).
final class JSONLinesFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var lines = 0

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw DatasetError.fileSystem(
                action: "create", path: path, reason: nil, advice: ": check that the output folder is writable")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func append(_ value: JSONValue) throws {
        JSONWriter.serialize(value, to: &buffer)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs and closes the file.
    func close() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
    }
}

/// Appends records' rejections and drops to a JSON-lines file, streaming.
final class RejectsFile {
    private let file: JSONLinesFile
    var path: String { file.path }
    var lines: Int { file.lines }

    init(path: String) throws { file = try JSONLinesFile(path: path) }

    func add(
        kind: String, inputPath: String, inputRecord: Int?, reason: String, detail: String, excerpt: String?,
        id: String? = nil
    ) throws {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(kind)), ("input_path", .string(inputPath)),
            ("input_record", inputRecord.map { .number(String($0)) } ?? .null),
            ("reason", .string(reason)), ("detail", .string(detail)),
        ]
        if let id { members.append(("id", .string(id))) }
        if let excerpt { members.append(("excerpt", .string(excerpt))) }
        try file.append(.object(JSONObject(members: members)))
    }

    func close() throws { try file.close() }
}
