import Dispatch
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
        var writer: ParquetFileWriter?
        var current: (relative: String, staging: String)?
        var batch: [ColumnData]
        var rows: Int64 = 0
        /// What `held` counted for this partition when it last changed: its batch's and open row group's bytes.
        var held = 0
        init(folder: String, values: [String?], batch: [ColumnData]) {
            self.folder = folder; self.values = values; self.batch = batch
        }
        /// Bytes the waiting batch holds allocated.
        var batchAllocatedBytes: Int { batch.reduce(0) { $0 + $1.allocatedBytes } }
    }

    let datasetDir: String
    let stagingDir: String
    let schema: TableSchema
    /// The columns stored in the files, in `schema` order.
    private let fileColumns: [OutputColumn]
    let partitionBy: [PartitionColumn]
    let options: WriterOptions
    let shardOptions: ShardOptions
    /// Part numbers handed out per folder (to rewritten shards, then to new ones), so that none repeats.
    private var nextParts: [String: Int] = [:]
    private var partitions: [String: Partition] = [:]
    private var order: [String] = []
    /// The bytes the budget counts, over every partition (each `Partition.held`), kept as they change: the budget
    /// is checked after every batch, and summing 180 partitions' columns each time was 4 % of a run.
    private var heldTotal = 0
    private(set) var shards: [Shard] = []
    /// A partition's rows go to its shard writer in batches of at most this many rows or bytes (with 180 partitions
    /// open, 180 of them wait at once; the budget counts them).
    private static let batchRows = 256
    private static let batchBytes = 64 << 10

    /// - Parameter columns: every output column in order; the partition columns among them stay in the folder names.
    init(
        datasetDir: String, stagingDir: String, partitionBy: [PartitionColumn], columns: [OutputColumn],
        shardOptions: ShardOptions, workers: Int
    ) throws {
        self.datasetDir = datasetDir
        self.stagingDir = stagingDir
        self.partitionBy = partitionBy
        fileColumns = OutputSchema.fileColumns(columns, partitionBy: partitionBy)
        self.schema = try TableSchema(fileColumns.map(\.spec))
        self.shardOptions = shardOptions
        var o = WriterOptions()
        o.createdBy = WarraqInfo.createdBy
        o.codec = shardOptions.codec
        o.compressionLevel = shardOptions.level
        o.rowGroupSize = shardOptions.rowGroupBytes
        o.concurrency = workers
        o.reserveRowGroupMemory = false
        o.keyValueMetadata = [
            KeyValue(key: "warraq.partition_by", value: partitionBy.map(\.rawValue).joined(separator: ","))
        ]
        self.options = o
    }

    /// The write step: appends `doc` as a row of its partition's open shard.
    func append(_ doc: Document, in key: PartitionStep.Key) throws {
        let partition: Partition
        if let p = partitions[key.folder] {
            partition = p
        } else {
            partition = Partition(folder: key.folder, values: key.values, batch: schema.columns.map(ColumnData.init))
            partitions[key.folder] = partition
            order.append(key.folder)
        }
        for i in fileColumns.indices { try fileColumns[i].write(doc, &partition.batch[i]) }
        var bytes = 0, allocated = 0
        for column in partition.batch { bytes += column.byteSize; allocated += column.allocatedBytes }
        updateHeld(partition, batchBytes: allocated)
        if partition.batch[0].rowCount >= Self.batchRows || bytes >= Self.batchBytes { try flushBatch(partition) }
    }

    /// Records what partition `p` holds now: its batch (`batchBytes` allocated) and its open row group.
    private func updateHeld(_ p: Partition, batchBytes: Int) {
        let held = batchBytes + (p.writer?.allocatedBytes ?? 0)
        heldTotal += held - p.held
        p.held = held
    }

    /// Writes every open shard's last rows and closes it; returns all shards written, in a fixed order.
    /// Shards are independent files, so they are closed (encoded, compressed, synced) in parallel.
    func finish() throws -> [Shard] {
        let open = order.map { partitions[$0]! }
        for p in open where p.batch[0].rowCount > 0 {
            if p.writer == nil { try openShard(p) }
            try p.writer!.write(p.batch)
            p.batch = schema.columns.map(ColumnData.init)
        }
        let closing = open.filter { $0.writer != nil }
        let results = ResultSlots<Result<Shard, any Error>>(count: closing.count)
        let items = UncheckedSendable(closing)
        let partitionBy = self.partitionBy
        DispatchQueue.concurrentPerform(iterations: closing.count) { i in
            let p = items.value[i]
            results.set(i, Result { try Self.close(p, partitionBy: partitionBy) })
        }
        for i in closing.indices {
            shards.append(try results.get(i).get())
            closing[i].writer = nil
            closing[i].current = nil
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
        updateHeld(p, batchBytes: p.batchAllocatedBytes)
        try enforceBudget()
    }

    /// Past the memory budget (open row groups and the batches waiting for them), writes the largest row group
    /// (the first in `order` of the largest).
    private func enforceBudget() throws {
        #if DEBUG
            let fresh = order.reduce(0) { total, folder in
                let p = partitions[folder]!
                return total + p.batchAllocatedBytes + (p.writer?.allocatedBytes ?? 0)
            }
            precondition(fresh == heldTotal, "the memory budget's running total is \(heldTotal), a fresh sum \(fresh)")
        #endif
        guard heldTotal > shardOptions.memoryBudget else { return }
        var largest: (Partition, Int)?
        for folder in order {
            guard let p = partitions[folder], let w = p.writer else { continue }
            let b = w.allocatedBytes
            if b > (largest?.1 ?? 0) { largest = (p, b) }
        }
        guard let (p, _) = largest else { return }
        try p.writer!.flushRowGroup()
        updateHeld(p, batchBytes: p.batchAllocatedBytes)
    }

    private func openShard(_ p: Partition) throws {
        let relative = p.folder + "/" + reservePart(in: p.folder)
        let staging = DatasetFolder.stagedPath(relative, in: stagingDir)
        try FileManager.default.createDirectory(atPath: stagingDir + "/" + p.folder, withIntermediateDirectories: true)
        p.writer = try ParquetFileWriter(path: staging, schema: schema, options: options)
        p.current = (relative, staging)
        p.rows = 0
    }

    private func closeShard(_ p: Partition) throws {
        guard p.writer != nil else { return }
        shards.append(try Self.close(p, partitionBy: partitionBy))
        p.writer = nil
        p.current = nil
    }

    private static func close(_ p: Partition, partitionBy: [PartitionColumn]) throws -> Shard {
        let metadata = try p.writer!.close(sync: true)
        return Shard(
            relativePath: p.current!.relative, partition: Array(zip(partitionBy, p.values)).map { ($0.0, $0.1) },
            stagingPath: p.current!.staging, rows: metadata.numRows, metadata: metadata)
    }

    /// A file name in `folder` that no published shard and no shard of this run uses.
    func reservePart(in folder: String) -> String {
        let n = firstFreePart(folder)
        nextParts[folder] = n + 1
        return "part-" + String(n).leftPadded(to: 5) + ".parquet"
    }

    /// The first part number not used by a file in this partition's folder, nor by a kept shard of it in `_kept/`
    /// (nor handed out in this run), so that a new run never takes the name of a shard a kept manifest lists.
    private func firstFreePart(_ folder: String) -> Int {
        let names = [datasetDir + "/" + folder, DatasetFolder(datasetDir).keptPartition(folder)]
            .flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
        let used = names.compactMap { name -> Int? in
            guard name.hasPrefix("part-"), let dot = name.firstIndex(of: ".") else { return nil }
            return Int(name[name.index(name.startIndex, offsetBy: 5)..<dot])
        }
        return max((used.max() ?? -1) + 1, nextParts[folder] ?? 0)
    }
}

/// Hands values that one thread at a time touches to `concurrentPerform` (each index is used by one worker only).
///
/// `@unchecked Sendable`: sound only for that use: `concurrentPerform` returns after every worker, each worker
/// touches only its own element, and the caller does not touch the value until then (checked by the TSan run).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
