import Foundation

/// Publishes a run's staged shards: moves them into place, then writes the manifest as a new version
/// (`_manifests/NNNNNN.json`) and replaces `manifest.json` by a rename, so that a reader of the manifest
/// sees the whole new run or the whole previous one. Versions beyond `keepVersions` are pruned.
struct Publisher {
    let dataset: String
    let staging: String
    let keepVersions: Int

    /// - Returns: the version published.
    @discardableResult
    func publish(manifest: Manifest, shards: [PartitionedWriter.Shard], rejects: String?) throws -> Int {
        let history = DatasetHistory(dataset: dataset)
        let version = max(history.versions().last ?? 0, history.current()?.version ?? 0) + 1
        var manifest = manifest
        manifest.version = version
        let json = manifest.json()  // before the moves: it reads the staged shards' footers
        // 1. Shards and rejects into place (new names: the previous manifest's files are untouched).
        for shard in shards { try FileOps.move(shard.stagingPath, to: dataset + "/" + shard.relativePath) }
        if let rejects { try FileOps.move(staging + "/" + rejects, to: dataset + "/" + rejects) }
        for folder in Set(shards.map { (dataset + "/" + $0.relativePath as NSString).deletingLastPathComponent }) {
            FileOps.syncFolder(folder)
        }
        // 2. The manifest last: the new version, then manifest.json, each by an atomic rename.
        try history.publish(json, version: version)
        // 3. Shards that no kept version lists any more are superseded.
        history.prune(keep: keepVersions)
        return version
    }
}
