import Foundation
@_exported import WarraqTestSupport
@testable import Warraq

/// The repository's root (for samples/ and pipelines/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Every item ingest yields for one file.
func ingest(_ path: String) throws -> [IngestItem] {
    let size = ((try FileManager.default.attributesOfItem(atPath: path))[.size] as? NSNumber)?.int64Value ?? 0
    var items: [IngestItem] = []
    try InputReader.read(InputReader.InputFile(path: path, bytes: size)) { items.append($0) }
    return items
}

extension IngestItem {
    var record: RawRecord? { if case .record(let r) = self { r } else { nil } }
    var rejection: Rejection? { if case .rejected(let r) = self { r } else { nil } }
}

/// gzip bytes of `data` (via the Parquet module's zlib wrapper is internal; use the command-line gzip).
func gzipped(_ data: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return out
}

/// A zip archive of `entries` (stored and deflated entries), built with Python's zipfile.
func zipped(_ entries: [(String, Data)], at path: URL) throws {
    let dir = path.deletingLastPathComponent()
    var script = "import zipfile\nz = zipfile.ZipFile(\(pythonString(path.path)), 'w')\n"
    for (i, (name, data)) in entries.enumerated() {
        let file = dir.appendingPathComponent("entry\(i)")
        try data.write(to: file)
        script +=
            "z.write(\(pythonString(file.path)), \(pythonString(name)), "
            + "compress_type=\(i % 2 == 0 ? "zipfile.ZIP_DEFLATED" : "zipfile.ZIP_STORED"))\n"
    }
    script += "z.close()\n"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    try process.run()
    process.waitUntilExit()
}

private func pythonString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "\\'") + "'" }
