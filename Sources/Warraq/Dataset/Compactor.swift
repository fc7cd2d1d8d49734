import Foundation
import Parquet

/// Merges small shards: a partition with more than `maxFiles` shards gets its rows rewritten, in the manifest's
/// order, into as few shards as `max_file_bytes` allows. Incremental runs add shards every night; this keeps a
/// partition at a few files. The rows and their values do not change.
struct Compactor {
    let folder: DatasetFolder
    /// The run's staging folder: new shards go there, and shards of this run not yet published are read from there.
    let staging: String
    let writer: PartitionedWriter
    let maxFiles: Int

    /// Rewrites the shards of `manifest` that need it; returns the staged files to move into place, and the shard
    /// paths (of this run's moves) that the merged shards replace.
    func compact(_ manifest: inout Manifest) throws -> (moves: [(from: String, to: String)], replaced: Set<String>) {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (i, shard) in manifest.shards.enumerated() {
            let partition = (shard.path as NSString).deletingLastPathComponent
            if groups[partition] == nil { order.append(partition) }
            groups[partition, default: []].append(i)
        }
        var merged: [Int: [Manifest.Shard]] = [:]  // at the index of a partition's first shard
        var dropped = Set<Int>()
        var moves: [(from: String, to: String)] = []
        for partition in order {
            guard let members = groups[partition], members.count > maxFiles else { continue }
            var results: [Manifest.Shard] = []
            for bucket in buckets(members.map { manifest.shards[$0] }) {
                let relative = partition + "/" + writer.reservePart(in: partition)
                let target = DatasetFolder.stagedPath(relative, in: staging)
                let sources = try bucket.map { try source(of: $0) }
                let (rows, metadata) = try ShardRewriter.rewrite(
                    sources: sources, target: target, schema: writer.schema,
                    options: writer.options)
                let values = writer.partitionBy.map { ($0, bucket[0].partition[$0.rawValue] ?? nil) }
                let shard = PartitionedWriter.Shard(
                    relativePath: relative, partition: values, stagingPath: target, rows: rows, metadata: metadata)
                results.append(try Manifest.Shard(staged: shard))
                moves.append((from: target, to: relative))
            }
            merged[members[0]] = results
            dropped.formUnion(members)
        }
        guard !dropped.isEmpty else { return ([], []) }
        var shards: [Manifest.Shard] = []
        for (i, shard) in manifest.shards.enumerated() {
            if let m = merged[i] { shards += m } else if !dropped.contains(i) { shards.append(shard) }
        }
        let replaced = Set(dropped.map { manifest.shards[$0].path })
        manifest.shards = shards
        return (moves, replaced)
    }

    /// Consecutive runs of shards whose bytes together stay within `max_file_bytes` (one shard each at the least).
    private func buckets(_ shards: [Manifest.Shard]) -> [[Manifest.Shard]] {
        var out: [[Manifest.Shard]] = []
        var bytes: Int64 = 0
        for shard in shards {
            if out.isEmpty
                || bytes + shard.bytes > Int64(writer.shardOptions.maxFileBytes) && !out[out.count - 1].isEmpty
            {
                out.append([])
                bytes = 0
            }
            out[out.count - 1].append(shard)
            bytes += shard.bytes
        }
        return out
    }

    /// Where a shard's file is: staged by this run, in its partition folder, or kept.
    private func source(of shard: Manifest.Shard) throws -> String {
        let staged = DatasetFolder.stagedPath(shard.path, in: staging)
        if FileManager.default.fileExists(atPath: staged) { return staged }
        guard let path = folder.location(of: shard.path) else {
            throw DatasetError.shardMissing(path: shard.path, dataset: folder.path, blocked: "compacted")
        }
        return path
    }
}
