import Foundation

/// Publishes a run's staged shards: writes the manifest as a new version (`_manifests/NNNNNN.json`), moves
/// the shards into place, and replaces `manifest.json` by a rename last, so that a reader of the manifest
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
        // 1. The new version's manifest first: from here on, every shard moved into the dataset is listed
        //    by a kept version, so a run killed at any later point leaves no unlisted file.
        try history.writeVersion(json, version: version)
        CrashPoint.here("version-written")
        // 2. Shards and rejects into place (new names: the current manifest's files are untouched).
        for shard in shards {
            try FileOps.move(shard.stagingPath, to: dataset + "/" + shard.relativePath)
            CrashPoint.here("shard-moved")
        }
        if let rejects { try FileOps.move(staging + "/" + rejects, to: dataset + "/" + rejects) }
        for folder in Set(shards.map { (dataset + "/" + $0.relativePath as NSString).deletingLastPathComponent }) {
            FileOps.syncFolder(folder)
        }
        CrashPoint.here("shards-moved")
        // 3. manifest.json last, by an atomic rename: readers switch to the new version here.
        try history.makeCurrent(json)
        CrashPoint.here("manifest-renamed")
        // 4. Shards that no kept version lists any more are superseded.
        history.prune(keep: keepVersions)
        CrashPoint.here("pruned")
        return version
    }
}
