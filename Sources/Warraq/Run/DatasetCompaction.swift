import Foundation
import Parquet

/// `warraq compact DIR`: the current version with its small shards merged, published as a new version.
public enum DatasetCompaction {
    public struct Result: Sendable {
        /// The version published, nil when no partition needed it.
        public var version: Int?
        public var partitions = 0
        public var before = 0
        public var after = 0
    }

    public static func run(_ transaction: DatasetTransaction, config: PipelineConfig, maxFiles: Int? = nil) throws
        -> Result
    {
        guard var manifest = transaction.current else {
            throw DatasetError.noDataset(folder: transaction.folder.path, action: "compact")
        }
        let partitionBy = manifest.partitionBy.compactMap(PartitionColumn.init(rawValue:))
        let runID = "compact-" + PipelineRunner.makeRunID(Date())
        let staging = try transaction.stagingFolder(run: runID)
        defer { transaction.discardStaging(staging) }
        // The dataset's own columns (a pipeline may have turned annotators off), in their order.
        let names = Set(manifest.schema.map(\.name))
        let columns = DocumentBuilder(config: PipelineConfig()).columns.filter { names.contains($0.spec.name) }
        let writer = try PartitionedWriter(
            datasetDir: transaction.folder.path, stagingDir: staging, partitionBy: partitionBy, columns: columns,
            shardOptions: config.writer, workers: 1)
        let before = manifest.shards
        let (moves, replaced) = try Compactor(
            folder: transaction.folder, staging: staging, writer: writer,
            maxFiles: maxFiles ?? config.compact.maxFiles
        ).compact(&manifest)
        guard !moves.isEmpty else { return Result() }
        let partitions = Set(
            before.filter { replaced.contains($0.path) }.map { ($0.path as NSString).deletingLastPathComponent })
        manifest.compactedFrom = manifest.version
        manifest.rolledBackFrom = nil
        let version = try transaction.publish(manifest, moves: moves, keep: config.history.keepVersions)
        return Result(version: version, partitions: partitions.count, before: replaced.count, after: moves.count)
    }
}
