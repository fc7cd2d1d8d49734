import Foundation
import Parquet

/// Routes documents to one shard writer per partition, in arrival order, and closes shards by size.
/// All open shards together buffer at most `memoryBudget` bytes: past it, the largest open row group
/// is written early. Every decision depends on the data alone, so the bytes do not depend on threads.
final class PartitionedWriter {
    struct Shard {
        var relativePath: String
        var partition: [(column: PartitionColumn, value: String?)]
        var stagingPath: String
        var rows: Int64
        var metadata: FileMetadata
    }

    private final class Partition {
        let folder: String
        let values: [String?]
        var nextPart: Int
        var writer: ParquetFileWriter?
        var current: (relative: String, staging: String)?
        var batch: [ColumnData]
        var rows: Int64 = 0
        init(folder: String, values: [String?], nextPart: Int, batch: [ColumnData]) {
            self.folder = folder; self.values = values; self.nextPart = nextPart; self.batch = batch
        }
    }

    let datasetDir: String
    let stagingDir: String
    let schema: TableSchema
    let partitionBy: [PartitionColumn]
    let options: WriterOptions
    let shardOptions: ShardOptions
    private var partitions: [String: Partition] = [:]
    private var order: [String] = []
    private(set) var shards: [Shard] = []
    private static let batchRows = 256

    init(datasetDir: String, stagingDir: String, partitionBy: [PartitionColumn], shardOptions: ShardOptions, workers: Int) {
        self.datasetDir = datasetDir
        self.stagingDir = stagingDir
        self.partitionBy = partitionBy
        self.schema = OutputSchema.fileSchema(partitionBy: partitionBy)
        self.shardOptions = shardOptions
        var o = WriterOptions()
        o.codec = shardOptions.codec == "none" ? .uncompressed : .gzip
        o.compressionLevel = shardOptions.level
        o.rowGroupSize = shardOptions.rowGroupBytes
        o.concurrency = workers
        o.reserveRowGroupMemory = false
        o.keyValueMetadata = [KeyValue(key: "warraq.partition_by", value: partitionBy.map(\.rawValue).joined(separator: ","))]
        self.options = o
    }

    func append(_ doc: Document) throws {
        let values = OutputSchema.partitionValues(doc, partitionBy)
        let folder = PartitionPath.folder(partitionBy, values)
        let partition: Partition
        if let p = partitions[folder] { partition = p } else {
            partition = Partition(folder: folder, values: values, nextPart: firstFreePart(folder), batch: schema.columns.map(ColumnData.init))
            partitions[folder] = partition
            order.append(folder)
        }
        try OutputSchema.append(doc, to: &partition.batch)
        if partition.batch[0].rowCount >= Self.batchRows { try flushBatch(partition) }
    }

    /// Writes every open shard's last rows and closes it; returns all shards written.
    func finish() throws -> [Shard] {
        for folder in order {
            let p = partitions[folder]!
            try flushBatch(p)
            try closeShard(p)
        }
        return shards
    }

    private func flushBatch(_ p: Partition) throws {
        guard p.batch[0].rowCount > 0 else { return }
        if p.writer == nil { try openShard(p) }
        try p.writer!.write(p.batch)
        p.rows += Int64(p.batch[0].rowCount)
        p.batch = schema.columns.map(ColumnData.init)
        if p.writer!.bytesWritten >= Int64(shardOptions.maxFileBytes) { try closeShard(p) }
        try enforceBudget()
    }

    private func enforceBudget() throws {
        var total = 0
        var largest: (Partition, Int)?
        for folder in order {
            guard let w = partitions[folder]!.writer else { continue }
            let b = w.bufferedBytes
            total += b
            if b > (largest?.1 ?? 0) { largest = (partitions[folder]!, b) }
        }
        if total > shardOptions.memoryBudget, let (p, _) = largest { try p.writer!.flushRowGroup() }
    }

    private func openShard(_ p: Partition) throws {
        let name = "part-" + String(p.nextPart).leftPadded(to: 5) + ".parquet"
        p.nextPart += 1
        let relative = p.folder + "/" + name
        let staging = stagingDir + "/" + relative
        try FileManager.default.createDirectory(atPath: stagingDir + "/" + p.folder, withIntermediateDirectories: true)
        p.writer = try ParquetFileWriter(path: staging, schema: schema, options: options)
        p.current = (relative, staging)
        p.rows = 0
    }

    private func closeShard(_ p: Partition) throws {
        guard let writer = p.writer, let current = p.current else { return }
        let metadata = try writer.close(sync: true)
        shards.append(Shard(relativePath: current.relative, partition: Array(zip(partitionBy, p.values)).map { ($0.0, $0.1) },
                            stagingPath: current.staging, rows: metadata.numRows, metadata: metadata))
        p.writer = nil
        p.current = nil
    }

    /// The first part number not used by a file already published in this partition's folder,
    /// so that a new run never overwrites a shard the current manifest lists.
    private func firstFreePart(_ folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: datasetDir + "/" + folder)) ?? []
        let used = names.compactMap { name -> Int? in
            guard name.hasPrefix("part-"), name.hasSuffix(".parquet") else { return nil }
            return Int(name.dropFirst(5).dropLast(8))
        }
        return (used.max() ?? -1) + 1
    }
}
