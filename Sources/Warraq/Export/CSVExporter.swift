import Foundation
import Parquet

/// `warraq export csv`: a dataset's rows as RFC 4180 CSV, read through its manifest (only the shards it
/// lists), with partitions and row groups pruned by the filters and the statistics, streamed.
public struct CSVExporter {
    public var dataset: String
    public var columns: [String]?
    public var filters: [RowFilter] = []
    public var gzip = false
    /// A UTF-8 BOM for Excel, and text cells starting with = + - @ (or tab, CR) guarded by a leading '.
    public var excel = false

    public init(dataset: String) { self.dataset = dataset }

    /// What an export did.
    public struct Summary: Sendable {
        public var rows = 0
        public var shardsRead = 0
        public var shardsPruned = 0
        public var rowGroupsPruned = 0
    }

    /// Writes the CSV to `handle`.
    public func export(to handle: FileHandle) throws -> Summary {
        let folder = DatasetFolder(dataset)
        let manifest = try folder.requireCurrent()
        let known = manifest.schema.map(\.name)
        let names = columns ?? known
        for name in names + filters.map(\.column) where !known.contains(name) {
            throw DatasetError.noSuchColumn(name: name, dataset: dataset, known: known)
        }
        let partitionColumns = Set(manifest.schema.filter { $0.partition == true }.map(\.name))
        let textColumns = Set(manifest.schema.filter { $0.type == "string" }.map(\.name))
        let fileColumns = Array(Set(names + filters.map(\.column)).subtracting(partitionColumns))
        var summary = Summary()
        var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
        let gzipWriter = gzip ? try GzipWriter(handle: handle) : nil
        func flush(force: Bool = false) throws {
            guard force || out.count >= 1 << 20 else { return }
            if let gzipWriter { try gzipWriter.write(out) } else { try handle.write(contentsOf: Data(out)) }
            out.removeAll(keepingCapacity: true)
        }
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CSVFormat.appendField(name, to: &out)
        }
        out += [0x0D, 0x0A]
        for shard in manifest.shards {
            // Partitions: decided by the folder values alone.
            let partitionValue = { (c: String) -> ParquetValue in
                if case .some(.some(let v)) = shard.partition[c], !v.isEmpty { return .string(v) } else { return .null }
            }
            if filters.contains(where: {
                partitionColumns.contains($0.column) && !$0.accepts(partitionValue($0.column))
            }) {
                summary.shardsPruned += 1
                continue
            }
            summary.shardsRead += 1
            guard let location = folder.location(of: shard.path) else {
                throw DatasetError.shardMissing(path: "\(dataset)/\(shard.path)", dataset: dataset, blocked: nil)
            }
            let reader = try ParquetFileReader(path: location)
            let rowFilters = filters.filter { !partitionColumns.contains($0.column) }
            for g in reader.metadata.rowGroups.indices {
                if !rowFilters.isEmpty && !mayMatch(reader, group: g, rowFilters) {
                    summary.rowGroupsPruned += 1; continue
                }
                let rows = try reader.readRows(
                    rowGroup: g, columns: fileColumns.isEmpty ? [reader.columnNames[0]] : fileColumns)
                for row in rows {
                    let value = { (c: String) -> ParquetValue in
                        partitionColumns.contains(c) ? partitionValue(c) : (row[c] ?? .null)
                    }
                    guard rowFilters.allSatisfy({ $0.accepts(value($0.column)) }) else { continue }
                    for (i, name) in names.enumerated() {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        var text = CSVFormat.text(value(name))
                        if excel && textColumns.contains(name), let first = text.unicodeScalars.first,
                            "=+-@\t\r".unicodeScalars.contains(first)
                        {
                            text = "'" + text
                        }
                        CSVFormat.appendField(text, to: &out)
                    }
                    out += [0x0D, 0x0A]
                    summary.rows += 1
                    try flush()
                }
            }
        }
        try flush(force: true)
        try gzipWriter?.finish()
        return summary
    }

    /// False when a row group's statistics prove that no row can pass the filters.
    private func mayMatch(_ reader: ParquetFileReader, group g: Int, _ filters: [RowFilter]) -> Bool {
        for f in filters {
            guard let c = reader.schema.leaves.firstIndex(where: { $0.path == [f.column] }),
                let stats = reader.metadata.rowGroups[g].columns[c].statistics,
                let lo = stats.minValue.flatMap(reader.schema.leaves[c].statisticValue),
                let hi = stats.maxValue.flatMap(reader.schema.leaves[c].statisticValue)
            else { continue }
            // Truncated string bounds are bounds, not values: they still prune correctly for < and >.
            if !f.mayAccept(min: lo, max: hi) { return false }
        }
        return true
    }
}
