import Foundation
import Parquet

/// Rewrites shards: without the rows of replaced inputs (incremental runs), several into one (`compact`), or with
/// some rows' values changed (the duplicate links a sharded run's commit decides).
enum ShardRewriter {
    /// Writes the rows of `sources`, in order, that `keep` accepts to `target`; returns the rows written.
    static func rewrite(
        sources: [String], target: String, schema: TableSchema, options: WriterOptions,
        keep: (ParquetValue) -> Bool = { _ in true }
    ) throws -> (rows: Int64, metadata: FileMetadata) {
        try rewrite(sources: sources, target: target, schema: schema, options: options) { _, row in keep(row) }
    }

    /// Writes the rows of `sources`, in order, to `target`, each after `edit` (given its index among all the
    /// sources' rows) changed it; a row `edit` returns false for is left out. Returns the rows written.
    static func rewrite(
        sources: [String], target: String, schema: TableSchema, options: WriterOptions,
        edit: (Int64, inout ParquetValue) -> Bool
    ) throws -> (rows: Int64, metadata: FileMetadata) {
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try ParquetFileWriter(path: target, schema: schema, options: options)
        var rows: Int64 = 0, index: Int64 = 0
        for source in sources {
            let reader = try ParquetFileReader(path: source)
            for g in reader.metadata.rowGroups.indices {
                var batch = writer.makeBatch()
                for var row in try reader.readRows(rowGroup: g) {
                    defer { index += 1 }
                    guard edit(index, &row) else { continue }
                    for i in batch.indices { try append(row[batch[i].spec.name] ?? .null, to: &batch[i]) }
                    rows += 1
                }
                try writer.write(batch)
            }
        }
        return (rows, try writer.close(sync: true))
    }

    /// A change to one row of a shard: new values for some of its columns, or its removal.
    enum RowChange {
        case set([String: ParquetValue])
        case drop
    }

    /// Writes `source` to `target` with `changes` (by row index) applied, touching only what changes: a row group
    /// without changes is copied as it is, one whose rows only get new values in `columns` has just those columns
    /// encoded anew (the others copied), and only one that loses rows is decoded and written again.
    /// Returns the rows written.
    static func patch(
        source: String, target: String, schema: TableSchema, options: WriterOptions, columns: [String],
        changes: [Int64: RowChange]
    ) throws -> (rows: Int64, metadata: FileMetadata) {
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let reader = try ParquetFileReader(path: source)
        let writer = try ParquetFileWriter(path: target, schema: schema, options: options)
        let indices = columns.compactMap { name in schema.columns.firstIndex { $0.name == name } }
        var start: Int64 = 0
        for (g, group) in reader.metadata.rowGroups.enumerated() {
            defer { start += group.numRows }
            // A shard has a few row groups (cut at `row_group_bytes`, 128 MB by default): a filter each is cheap.
            let mine = changes.filter { $0.key >= start && $0.key - start < group.numRows }
            if mine.isEmpty {
                try writer.copyRowGroup(g, of: reader)
            } else if !mine.values.contains(where: { if case .drop = $0 { true } else { false } }) {
                var values = indices.map { ColumnData(spec: schema.columns[$0]) }
                for (k, row) in try reader.readRows(rowGroup: g, columns: indices.map { schema.columns[$0].name })
                    .enumerated()
                {
                    let change: [String: ParquetValue]
                    if case .set(let c)? = mine[start + Int64(k)] { change = c } else { change = [:] }
                    for (j, c) in indices.enumerated() {
                        let name = schema.columns[c].name
                        try append(change[name] ?? row[name] ?? .null, to: &values[j])
                    }
                }
                try writer.copyRowGroup(
                    g, of: reader, replacing: Dictionary(uniqueKeysWithValues: zip(indices, values)))
            } else {
                var batch = writer.makeBatch()
                for (k, var row) in try reader.readRows(rowGroup: g).enumerated() {
                    switch mine[start + Int64(k)] {
                    case .drop?: continue
                    case .set(let c)?: for (name, v) in c { row.set(name, v) }
                    case nil: break
                    }
                    for i in batch.indices { try append(row[batch[i].spec.name] ?? .null, to: &batch[i]) }
                }
                try writer.write(batch)
                try writer.flushRowGroup()
            }
        }
        let metadata = try writer.close(sync: true)
        return (metadata.numRows, metadata)
    }

    static func append(_ v: ParquetValue, to column: inout ColumnData) throws {
        switch v {
        case .null: try column.appendNull()
        case .string(let s): column.append(string: s)
        case .int(let i):
            if column.spec.type == .int32 {
                column.append(int32: Int32(truncatingIfNeeded: i))
            } else {
                column.append(int64: i)
            }
        case .double(let d): column.append(double: d)
        case .bool(let b): column.append(bool: b)
        case .date(let d): column.append(int32: d)
        case .timestamp(let t): column.append(int64: t)
        case .list(let items): column.append(list: items.map { if case .string(let s) = $0 { s } else { nil } })
        case .bytes, .record: throw DatasetError.unexpectedValue(column: column.spec.name)
        }
    }
}

extension ParquetValue {
    /// Sets field `name` of a record (a no-op for a record without it, or another value).
    mutating func set(_ name: String, _ value: ParquetValue) {
        guard case .record(var fields) = self, let i = fields.firstIndex(where: { $0.name == name }) else { return }
        fields[i].value = value
        self = .record(fields)
    }
}
