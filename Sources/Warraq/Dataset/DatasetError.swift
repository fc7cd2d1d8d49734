/// A problem with a dataset folder, its manifests or its files (exit code 1). Nothing was published; the
/// dataset is as it was. Each description says what is wrong and what to do.
public enum DatasetError: Error, CustomStringConvertible, Sendable {
    /// `folder` holds no `_manifest.json`.
    case notADataset(folder: String)
    /// `folder` holds no dataset yet, so `action` (compact, export…) has nothing to work on.
    case noDataset(folder: String, action: String)
    /// The manifest is of an old format that this warraq upgrades only in place.
    case legacyManifest(path: String, format: String)
    case unreadableManifest(path: String)
    case manifestNotAnObject(path: String)
    case invalidManifest(path: String, format: String, problem: String)
    case unknownManifestFormat(path: String, format: String?, readable: [String])
    case shardOutsidePartitions(manifest: String, shard: String)
    /// The current manifest's version has no copy in `_manifests/`.
    case missingVersion(manifest: String, version: Int, copy: String)
    /// Versions are kept but the current manifest is gone.
    case missingManifest(folder: String, versions: [Int])
    case versionNotKept(version: Int, folder: String, kept: [Int])
    /// A version to publish again lists a shard that no longer exists.
    case shardGone(version: Int, shard: String)
    /// A version to publish again lists a shard that is neither live nor kept.
    case shardNotKept(version: Int, shard: String)
    /// A shard the manifest lists is missing; `blocked` is what it stops ("compacted").
    case shardMissing(path: String, dataset: String, blocked: String?)
    /// A file-system step failed: `cannot ACTION PATH: REASON` and what to check.
    case fileSystem(action: String, path: String, reason: String?, advice: String?)
    /// A column holds a kind of value the pipeline never writes.
    case unexpectedValue(column: String)
    case noSuchColumn(name: String, dataset: String, known: [String])
    case invalidFilter(String)
    case compression(step: String, code: Int32?)
    /// The run's counts do not add up: a bug, reported rather than published.
    case unbalancedCounts(RunCounts)
    /// A version lists a file of its own (rejects, index) that is gone.
    case fileGone(version: Int, file: String)

    public var description: String {
        switch self {
        case .notADataset(let folder):
            return "no \(DatasetFolder.manifestName) in \(folder): is this a Warraq dataset folder?"
        case .noDataset(let folder, let action): return "\(folder) holds no dataset to \(action)"
        case .legacyManifest(let path, let format): return "\(path) is still \(format): move it away and run again"
        case .unreadableManifest(let path): return "cannot read \(path)"
        case .manifestNotAnObject(let path): return "\(path) is not a JSON object (a hand edit or a truncated file?)"
        case .invalidManifest(let path, let format, let problem):
            return "\(path) is not a readable \(format) manifest: \(problem)"
        case .unknownManifestFormat(let path, let format, let readable):
            return "\(path) is of format \(format.map { "\"\($0)\"" } ?? "none"); this warraq reads "
                + readable.joined(separator: " and ") + " (a dataset of a newer warraq?)"
        case .shardOutsidePartitions(let manifest, let shard):
            return "\(manifest) lists a shard outside the partition folders: \(shard)"
        case .missingVersion(let manifest, let version, let copy):
            return "\(manifest) is version \(version), but \(copy) is missing: restore it (a copy of "
                + "\(DatasetFolder.manifestName)), or move the dataset away"
        case .missingManifest(let folder, let versions):
            let names = (DatasetFolder.versionsFolder, DatasetFolder.manifestName)
            return "\(folder) has versions \(versions.map(String.init).joined(separator: ", ")) in \(names.0)/ but no "
                + "\(names.1): restore it (copy the newest \(names.0)/NNNNNN.json to \(names.1)), "
                + "or move the dataset away"
        case .versionNotKept(let version, let folder, let kept):
            let list = kept.map(String.init).joined(separator: ", ")
            return "version \(version) is not kept in \(folder) (kept: \(list.isEmpty ? "none" : list))"
        case .shardGone(let version, let shard):
            return "version \(version) lists \(shard), which is gone: it cannot be published again"
        case .shardNotKept(let version, let shard):
            return "version \(version) lists \(shard), which is neither in its partition folder nor in "
                + "\(DatasetFolder.keptFolder)/: restore it, or roll back to another version (warraq history)"
        case .shardMissing(let path, let dataset, let blocked):
            return "\(path) is missing" + (blocked.map { ": it cannot be \($0)" } ?? "") + " (warraq verify \(dataset))"
        case .fileSystem(let action, let path, let reason, let advice):
            return "cannot \(action) \(path)" + (reason.map { ": \($0)" } ?? "") + (advice ?? "")
        case .unexpectedValue(let column): return "column \(column): a value of a kind the pipeline never writes"
        case .noSuchColumn(let name, let dataset, let known):
            return "no column \"\(name)\" in \(dataset) (it has: \(known.joined(separator: ", ")))"
        case .invalidFilter(let text): return "--where \(text): expected column=value, or another of = != < <= > >="
        case .compression(let step, let code): return "zlib \(step) failed" + (code.map { " (\($0))" } ?? "")
        case .unbalancedCounts(let c):
            return
                "internal error: \(c.recordsIn) records in, but \(c.rowsWritten) written + \(c.droppedTotal) dropped + "
                + "\(c.rejectedTotal) rejected"
        case .fileGone(let version, let file):
            return "version \(version) lists \(file), which is gone: it cannot be published again"
        }
    }
}
