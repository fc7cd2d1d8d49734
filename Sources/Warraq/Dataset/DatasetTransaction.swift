import Foundation

/// The one owner of a dataset's state changes: it holds the lock for its whole life, recovers what a killed run
/// left, upgrades a warraq 0.2 dataset, stages, records each new version, moves shards, switches `_manifest.json`
/// atomically, keeps the partition folders equal to the current version, prunes old versions and rolls back.
///
/// Nothing it cannot account for is deleted: it refuses to go on (exit 1) when the current manifest cannot be
/// read, is of an unknown format, or names a version whose manifest is missing; a shard that no manifest lists is
/// reported and left where it is. What it deletes is its own staging, the files of versions it never made current,
/// and files that only pruned versions listed.
public final class DatasetTransaction {
    public let folder: DatasetFolder
    private let lock: DatasetLock
    /// The current version, nil for a new dataset.
    public private(set) var current: Manifest?
    /// What opening the dataset did or found, one line each (an upgrade, unlisted shards), for the log.
    public private(set) var notes: [String] = []

    /// Takes the dataset's lock (or throws `DatasetLock.Busy`), then recovers and checks the dataset.
    /// - Throws: `DatasetError` when the dataset is in a state it cannot account for.
    public init(dataset: String, wait: Bool) throws {
        folder = DatasetFolder(dataset)
        lock = try DatasetLock(dataset: dataset, wait: wait)
        // Whatever is in _staging was left by a run that died: it was never published.
        try? FileManager.default.removeItem(atPath: dataset + "/" + DatasetFolder.stagingFolder)
        removeTemporaryFiles()
        if folder.isLegacy { try upgradeLegacy() }
        current = try folder.current()
        if let current, current.format != Manifest.format {
            throw DatasetError.legacyManifest(path: folder.manifestPath, format: current.format)
        }
        try checkVersions()
        try removeUnfinished()
        try arrange()
    }

    /// A fresh staging folder for a run, inside the dataset (so that publishing is a rename).
    public func stagingFolder(run: String) throws -> String {
        let staging = folder.path + "/" + DatasetFolder.stagingFolder + "/" + run
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.fileSystem(
                action: "create the staging folder", path: staging, reason: error.localizedDescription,
                advice: "; check that \(folder.path) is writable")
        }
        return staging
    }

    /// Removes a run's staging folder (after a failure, or once published).
    public func discardStaging(_ staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
        rmdir(folder.path + "/" + DatasetFolder.stagingFolder)  // only when empty
    }

    /// The number the next published version gets.
    public var nextVersion: Int { max(folder.versions().last ?? 0, current?.version ?? 0) + 1 }

    /// Publishes `manifest` as the next version: its manifest is recorded first, then `moves` (staged shards,
    /// rejects and index segments, from absolute staging paths to paths relative to the dataset) are put in place,
    /// shards of kept versions that it does not list are brought back from `_kept/`, `_manifest.json` is switched,
    /// and the shards it no longer lists move to `_kept/`. Versions beyond the newest `keep` are pruned (nil: none).
    /// - Returns: the version published.
    @discardableResult
    public func publish(_ manifest: Manifest, moves: [(from: String, to: String)], keep: Int?) throws -> Int {
        var manifest = manifest
        manifest.version = nextVersion
        manifest.format = Manifest.format
        // 1. The version's manifest first: from here on, every file moved in is listed by a recorded version, so a
        //    run killed at any later point leaves nothing unaccounted for (recovery removes unfinished versions).
        try write(manifest, to: folder.versionPath(manifest.version))
        CrashPoint.here("version-written")
        // 2. Its files into place: new ones from staging, earlier ones back from _kept/.
        for move in moves {
            try FileOps.move(move.from, to: folder.path + "/" + move.to)
            CrashPoint.here("shard-moved")
        }
        try bringBack(manifest)
        for f in Set(moves.map { (folder.path + "/" + $0.to as NSString).deletingLastPathComponent }) {
            FileOps.syncFolder(f)
        }
        CrashPoint.here("shards-moved")
        // 3. The switch: readers of the manifest see the new version from here on.
        try write(manifest, to: folder.manifestPath)
        current = manifest
        CrashPoint.here("manifest-renamed")
        // 4. The folder becomes exactly the new version.
        try arrange()
        if let keep { try prune(keep: keep) }
        CrashPoint.here("pruned")
        return manifest.version
    }

    /// Publishes kept version `version` again as a new version (its shards back in the partition folders).
    /// - Throws: `DatasetError` when the version is not kept or one of its shards is gone.
    @discardableResult
    public func rollback(to version: Int) throws -> Int {
        let kept = folder.versions()
        guard kept.contains(version) else {
            throw DatasetError.versionNotKept(version: version, folder: folder.versionsPath, kept: kept)
        }
        var old = try folder.manifest(version: version)
        for shard in old.shards where folder.location(of: shard.path) == nil {
            throw DatasetError.shardGone(version: version, shard: shard.path)
        }
        for file in old.nearIndex?.segments.map(\.path) ?? []
        where !FileManager.default.fileExists(atPath: folder.path + "/" + file) {
            throw DatasetError.fileGone(version: version, file: file)
        }
        old.rolledBackFrom = version
        return try publish(old, moves: [], keep: nil)
    }

    // MARK: keeping the folder equal to the current version

    /// Shards of `manifest` that wait in `_kept/` go back to their partition folders.
    private func bringBack(_ manifest: Manifest) throws {
        for shard in manifest.shards where !FileManager.default.fileExists(atPath: folder.livePath(shard.path)) {
            guard FileManager.default.fileExists(atPath: folder.keptPath(shard.path)) else {
                throw DatasetError.shardNotKept(version: manifest.version, shard: shard.path)
            }
            try FileOps.move(folder.keptPath(shard.path), to: folder.livePath(shard.path))
        }
    }

    /// Makes the partition folders hold exactly the current version's shards: its shards come back from `_kept/`,
    /// shards of other kept versions move to `_kept/`, and a shard no manifest lists is reported and left.
    private func arrange() throws {
        guard let current else { return }
        try bringBack(current)
        let live = Set(current.shards.map(\.path))
        let listed = try retained().shards
        for file in folder.keptShardFiles() where !listed.contains(file) {
            try? FileManager.default.removeItem(atPath: folder.keptPath(file))  // ours: left by an interrupted prune
        }
        for file in folder.liveShardFiles() where !live.contains(file) {
            if listed.contains(file) {
                try FileOps.move(folder.livePath(file), to: folder.keptPath(file))
                removeEmptyFolders(above: folder.livePath(file))
            } else {
                notes.append(
                    "\(folder.path)/\(file) is listed by no manifest; it was left where it is, "
                        + "and readers of the folder "
                        + "count its rows: move it away, or delete it if it is not yours")
            }
        }
    }

    /// Removes the folders that held `path`, up to the dataset's, as far as they are empty (a partition whose
    /// shards all moved to `_kept/`).
    private func removeEmptyFolders(above path: String) {
        var dir = (path as NSString).deletingLastPathComponent
        while dir.count > folder.path.count && dir.hasPrefix(folder.path + "/") && rmdir(dir) == 0 {
            dir = (dir as NSString).deletingLastPathComponent
        }
    }

    /// Every shard path and own file (rejects, index segments) that a kept version or the current one lists (each
    /// manifest read once).
    /// - Throws: `DatasetError` when a kept version's manifest cannot be read (its files cannot be accounted for).
    private func retained() throws -> (shards: Set<String>, files: Set<String>) {
        var shards = Set(current?.shards.map(\.path) ?? []), files = Set(current?.ownFiles ?? [])
        for v in folder.versions() {
            let m = try folder.manifest(version: v)
            shards.formUnion(m.shards.map(\.path))
            files.formUnion(m.ownFiles)
        }
        return (shards, files)
    }

    /// Forgets versions beyond the newest `keep`.
    private func prune(keep: Int) throws {
        try forget(Array(folder.versions().dropLast(keep)))
    }

    /// Forgets `versions` and deletes the shards and own files (rejects, index segments) that only they list,
    /// wherever they are. Every
    /// manifest is read before anything is deleted: one that cannot be read stops it with nothing deleted.
    @discardableResult
    private func forget(_ versions: [Int]) throws -> [Manifest] {
        guard !versions.isEmpty else { return [] }
        let forgotten = try versions.map { try folder.manifest(version: $0) }
        for v in versions { try? FileManager.default.removeItem(atPath: folder.versionPath(v)) }
        let retained = try retained()
        for m in forgotten {
            for shard in m.shards where !retained.shards.contains(shard.path) {
                if let path = folder.location(of: shard.path) { try? FileManager.default.removeItem(atPath: path) }
            }
            for r in m.ownFiles where !retained.files.contains(r) {
                try? FileManager.default.removeItem(atPath: folder.path + "/" + r)
            }
        }
        return forgotten
    }

    // MARK: recovery

    /// Refuses a current manifest that names a version whose manifest is missing, and kept versions without a
    /// current manifest (but for a first run that died: one version).
    private func checkVersions() throws {
        let kept = folder.versions()
        if let current {
            guard kept.contains(current.version) else {
                throw DatasetError.missingVersion(
                    manifest: folder.manifestPath, version: current.version, copy: folder.versionPath(current.version))
            }
        } else if kept.count > 1 || (kept.first ?? 1) > 1 {
            throw DatasetError.missingManifest(folder: folder.path, versions: kept)
        }
    }

    /// Removes what a run killed while publishing left: versions newer than the current one (never made current)
    /// and the files only they list (moved in from that run's staging).
    private func removeUnfinished() throws {
        let currentVersion = current?.version ?? 0
        for m in try forget(folder.versions().filter { $0 > currentVersion }) {
            notes.append("removed version \(m.version), which a run killed while publishing left unfinished")
        }
    }

    /// A warraq 0.2 dataset (`manifest.json`, format 1, kept shards in the partition folders) becomes format 2:
    /// every kept manifest is rewritten, `_manifest.json` written, `manifest.json` removed; `arrange` then moves
    /// the shards of earlier versions to `_kept/`.
    private func upgradeLegacy() throws {
        var legacy = try Manifest.read(path: folder.legacyManifestPath)
        for v in folder.versions() {
            var m = try folder.manifest(version: v)
            m.format = Manifest.format
            try write(m, to: folder.versionPath(v))
        }
        legacy.format = Manifest.format
        try write(legacy, to: folder.manifestPath)
        try FileManager.default.removeItem(atPath: folder.legacyManifestPath)
        notes.append(
            "upgraded \(folder.path) from warraq-manifest/1 (warraq 0.2) to \(Manifest.format): "
                + "the current manifest is "
                + "now \(DatasetFolder.manifestName), and shards of earlier versions are kept in "
                + "\(DatasetFolder.keptFolder)/"
        )
    }

    private func removeTemporaryFiles() {
        for dir in [folder.path, folder.versionsPath] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(atPath: dir + "/" + name)
            }
        }
    }

    /// Writes a manifest by an atomic rename of a synced temporary file.
    private func write(_ manifest: Manifest, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temporary = dir + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        try FileOps.writeSynced(manifest.encoded(), to: temporary)
        try FileOps.move(temporary, to: path)
        FileOps.syncFolder(dir)
    }
}
