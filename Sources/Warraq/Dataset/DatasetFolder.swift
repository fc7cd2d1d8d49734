import Foundation

/// Where everything of a dataset folder lives, read without the lock (`inspect`, `verify`, `history`, `export`).
///
/// ```
/// DIR/source=…/date=…/part-NNNNN.parquet   the current version's shards, and nothing else: what readers of
///                                          the folder read
/// DIR/_manifest.json                       the current version's manifest (replaced last, atomically)
/// DIR/_manifests/NNNNNN.json               every kept version's manifest
/// DIR/_kept/<shard path>.kept              shards of kept versions that the current one does not list
/// DIR/_rejects/<run>.jsonl                 rejected and dropped records of each run
/// DIR/_near/<version>.idx                  the near-duplicate index: the rows each run indexed (`NearIndexSegment`)
/// DIR/_staging/<run>/                      a run's files before they are published
/// DIR/_tasks/<run>/                        a sharded run's tasks' results until `warraq commit` (`TaskFolder`)
/// DIR/.warraq.lock                         the lock of the run or command that changes the dataset
/// ```
/// pyarrow, pandas, Polars, DuckDB and Spark pass over names starting with `_` or `.`, and `.kept` files match no
/// `**/*.parquet` glob.
public struct DatasetFolder: Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    static let manifestName = "_manifest.json"
    /// The current manifest of warraq 0.2 datasets (format 1), upgraded by the next run.
    static let legacyManifestName = "manifest.json"
    static let versionsFolder = "_manifests"
    static let keptFolder = "_kept"
    static let stagingFolder = "_staging"
    static let rejectsFolder = "_rejects"
    static let nearIndexFolder = "_near"

    public var manifestPath: String { path + "/" + Self.manifestName }
    var legacyManifestPath: String { path + "/" + Self.legacyManifestName }
    var versionsPath: String { path + "/" + Self.versionsFolder }

    public func versionPath(_ version: Int) -> String {
        versionsPath + "/" + String(version).leftPadded(to: 6) + ".json"
    }

    /// Where a shard lies while its version is current.
    func livePath(_ shard: String) -> String { path + "/" + shard }

    /// Where a shard lies while kept for history only.
    func keptPath(_ shard: String) -> String { path + "/" + Self.keptFolder + "/" + shard + ".kept" }

    /// The folder in `_kept/` of a partition folder (`source=…/date=…`).
    func keptPartition(_ partition: String) -> String { path + "/" + Self.keptFolder + "/" + partition }

    /// Where a run writes a shard before it is published: under the run's staging folder, with a name that no
    /// `**/*.parquet` glob matches, so that a reader of the folder never sees it.
    static func stagedPath(_ shard: String, in staging: String) -> String { staging + "/" + shard + ".staged" }

    /// Where a shard is now: in its partition folder, or in `_kept/` (a shard of an earlier version), or nil.
    public func location(of shard: String) -> String? {
        for p in [livePath(shard), keptPath(shard)] where FileManager.default.fileExists(atPath: p) { return p }
        return nil
    }

    /// The kept version numbers, oldest first.
    public func versions() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versionsPath)) ?? []
        return names.compactMap { name in name.hasSuffix(".json") ? Int(name.dropLast(5)) : nil }.sorted()
    }

    public func manifest(version: Int) throws -> Manifest { try Manifest.read(path: versionPath(version)) }

    /// The kept version that run `run` published (a rollback's copy of it aside), or nil (`warraq commit`'s
    /// idempotence, `warraq slurm status`).
    public func version(publishedBy run: String) -> Int? {
        versions().reversed().first { v in
            (try? manifest(version: v)).map { $0.run.id == run && $0.rolledBackFrom == nil } ?? false
        }
    }

    /// Whether the folder holds a dataset of warraq 0.2 (not yet upgraded).
    var isLegacy: Bool {
        !FileManager.default.fileExists(atPath: manifestPath)
            && FileManager.default.fileExists(atPath: legacyManifestPath)
    }

    /// The current version's manifest (of a warraq 0.2 dataset too), nil when the folder holds no dataset.
    /// - Throws: `DatasetError` when the manifest is there but cannot be read.
    public func current() throws -> Manifest? {
        for p in [manifestPath, legacyManifestPath] where FileManager.default.fileExists(atPath: p) {
            return try Manifest.read(path: p)
        }
        return nil
    }

    /// The current version's manifest. - Throws: `DatasetError` when there is none or it cannot be read.
    public func requireCurrent() throws -> Manifest {
        guard let m = try current() else {
            throw DatasetError.notADataset(folder: path)
        }
        return m
    }

    /// Shard files in the partition folders (every folder but the `_` and `.` ones), relative to the dataset.
    func liveShardFiles() -> [String] {
        var out: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: path) else { return out }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix("_") || name.hasPrefix(".") { walker.skipDescendants(); continue }
            if relative.hasSuffix(".parquet") { out.append(relative) }
        }
        return out.sorted()
    }

    /// Shard paths in `_kept/` (without the `.kept`).
    func keptShardFiles() -> [String] {
        let root = path + "/" + Self.keptFolder
        var out: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".parquet.kept") { out.append(String(relative.dropLast(5))) }
        }
        return out.sorted()
    }
}
