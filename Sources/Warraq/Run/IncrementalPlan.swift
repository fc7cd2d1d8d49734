import Foundation
import Parquet

/// What an incremental run does with each input, against the dataset's current manifest: inputs with the
/// same path, size and SHA-256 are skipped; new and changed ones are read; the rows of changed ones
/// are replaced.
struct IncrementalPlan {
    var toProcess: [InputReader.InputFile] = []
    /// Inputs skipped, as the current manifest recorded them.
    var unchanged: [PublishedManifest.Input] = []
    /// Inputs being read again whose earlier rows must go.
    var replaced = Set<String>()
    /// Inputs of the current manifest that this run does not see any more (their rows stay).
    var absent: [PublishedManifest.Input] = []

    init(files: [InputReader.InputFile], previous: PublishedManifest?) {
        guard let previous else { toProcess = files; return }
        var byPath: [String: PublishedManifest.Input] = [:]
        for i in previous.inputs { byPath[i.path] = i }
        for file in files {
            guard let old = byPath.removeValue(forKey: file.path) else { toProcess.append(file); continue }
            if old.bytes == file.bytes, old.counts != nil, (try? FileOps.sha256(path: file.path).hex) == old.sha256 {
                unchanged.append(old)
            } else {
                toProcess.append(file)
                replaced.insert(file.path)
            }
        }
        absent = previous.inputs.filter { byPath[$0.path] != nil }
    }

    var nothingToDo: Bool { toProcess.isEmpty }

    /// Whether a row's `input_path` came from one of the replaced inputs (an archive's entries included).
    func isReplaced(_ inputPath: String) -> Bool {
        if replaced.contains(inputPath) { return true }
        guard let bang = inputPath.range(of: "!/") else { return false }
        return replaced.contains(String(inputPath[..<bang.lowerBound]))
    }
}

/// Rewrites a shard without the rows that came from replaced inputs.
enum ShardRewriter {
    /// Writes the rows of `source` that `keep` accepts to `target`; returns the rows written.
    static func rewrite(source: String, target: String, schema: TableSchema, options: WriterOptions,
                        keep: (ParquetValue) -> Bool) throws -> (rows: Int64, metadata: FileMetadata) {
        let reader = try ParquetFileReader(path: source)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try ParquetFileWriter(path: target, schema: schema, options: options)
        var rows: Int64 = 0
        for g in reader.metadata.rowGroups.indices {
            var batch = writer.makeBatch()
            for row in try reader.readRows(rowGroup: g) where keep(row) {
                for i in batch.indices { try append(row[batch[i].spec.name] ?? .null, to: &batch[i]) }
                rows += 1
            }
            try writer.write(batch)
        }
        return (rows, try writer.close(sync: true))
    }

    static func append(_ v: ParquetValue, to column: inout ColumnData) throws {
        switch v {
        case .null: try column.appendNull()
        case .string(let s): column.append(string: s)
        case .int(let i):
            if column.spec.type == .int32 { column.append(int32: Int32(truncatingIfNeeded: i)) } else { column.append(int64: i) }
        case .double(let d): column.append(double: d)
        case .bool(let b): column.append(bool: b)
        case .date(let d): column.append(int32: d)
        case .timestamp(let t): column.append(int64: t)
        case .list(let items): column.append(list: items.map { if case .string(let s) = $0 { s } else { nil } })
        case .bytes, .record: throw DatasetError("column \(column.spec.name): a value of a kind the pipeline never writes")
        }
    }
}
