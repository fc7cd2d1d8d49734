import Foundation

/// The versions of a dataset: every published manifest is kept as `_manifests/NNNNNN.json`, and
/// `manifest.json` is the current one. Shards of the versions kept stay on disk, so that any of them
/// can be published again (`rollback`).
public struct DatasetHistory {
    public let dataset: String
    public static let folder = "_manifests"

    public init(dataset: String) { self.dataset = dataset }

    /// Version numbers kept, oldest first.
    public func versions() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dataset + "/" + Self.folder)) ?? []
        return names.compactMap { name in name.hasSuffix(".json") ? Int(name.dropLast(5)) : nil }.sorted()
    }

    public func path(of version: Int) -> String {
        dataset + "/" + Self.folder + "/" + String(version).leftPadded(to: 6) + ".json"
    }

    public func manifest(_ version: Int) throws -> PublishedManifest {
        try PublishedManifest(path: path(of: version))
    }

    /// The version of the current `manifest.json`, or nil when there is none.
    public func current() -> PublishedManifest? {
        try? PublishedManifest(path: dataset + "/manifest.json")
    }

    /// Shard paths listed by any kept version.
    public func retainedShards() -> Set<String> {
        var paths = Set<String>()
        for v in versions() { if let m = try? manifest(v) { paths.formUnion(m.shards.map(\.path)) } }
        if let m = current() { paths.formUnion(m.shards.map(\.path)) }
        return paths
    }

    /// Publishes version `version` again as a new version, atomically.
    /// - Throws: `DatasetError` when the version is not kept or one of its shards is missing.
    @discardableResult
    public func rollback(to version: Int) throws -> Int {
        guard versions().contains(version) else {
            let kept = versions().map(String.init).joined(separator: ", ")
            throw DatasetError("version \(version) is not kept in \(dataset)/\(Self.folder) (kept: \(kept.isEmpty ? "none" : kept))")
        }
        var old = try manifest(version)
        for shard in old.shards where !FileManager.default.fileExists(atPath: dataset + "/" + shard.path) {
            throw DatasetError("version \(version) lists \(shard.path), which is gone: it cannot be published again")
        }
        let next = (versions().last ?? 0) + 1
        guard case .object(var object) = old.json else { throw DatasetError("version \(version) is not a JSON object") }
        object.set("version", .number(String(next)))
        object.set("rolled_back_from", .number(String(version)))
        old.json = .object(object)
        try publish(old.json, version: next)
        return next
    }

    /// Writes `json` as version `version` and as `manifest.json`, each by an atomic rename.
    func publish(_ json: JSONValue, version: Int) throws {
        try writeVersion(json, version: version)
        try makeCurrent(json)
    }

    /// Writes `json` as `_manifests/NNNNNN.json` by an atomic rename.
    func writeVersion(_ json: JSONValue, version: Int) throws {
        let folder = dataset + "/" + Self.folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.\(version).\(getpid()).tmp"
        try FileOps.writeSynced(Self.text(json), to: temporary)
        try FileOps.move(temporary, to: path(of: version))
        FileOps.syncFolder(folder)
    }

    /// Replaces `manifest.json` with `json` by an atomic rename.
    func makeCurrent(_ json: JSONValue) throws {
        let temporary = dataset + "/.manifest.\(getpid()).tmp"
        try FileOps.writeSynced(Self.text(json), to: temporary)
        try FileOps.move(temporary, to: dataset + "/manifest.json")
        FileOps.syncFolder(dataset)
    }

    private static func text(_ json: JSONValue) -> [UInt8] {
        var text: [UInt8] = []
        JSONWriter.pretty(json, to: &text)
        text.append(0x0A)
        return text
    }

    /// Removes what a run killed while publishing left behind: versions newer than the current manifest
    /// (never made current), their shards that no other kept version lists, and stray temporary files.
    /// Call it only while holding the dataset's lock.
    func removeUnfinished() {
        let currentVersion = current()?.version ?? 0
        var unfinished: [PublishedManifest] = []
        for v in versions() where v > currentVersion {
            if let m = try? manifest(v) { unfinished.append(m) }
            try? FileManager.default.removeItem(atPath: path(of: v))
        }
        let retained = retainedShards()
        for m in unfinished {
            for shard in m.shards where !retained.contains(shard.path) { try? FileManager.default.removeItem(atPath: dataset + "/" + shard.path) }
        }
        for folder in [dataset, dataset + "/" + Self.folder] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }

    /// Forgets versions beyond the newest `keep`, and deletes the shards and rejects files that no kept
    /// version (nor the current manifest) lists any more.
    func prune(keep: Int) {
        let all = versions()
        guard all.count > keep else { return }
        var dropped: [PublishedManifest] = []
        for v in all.dropLast(keep) {
            if let m = try? manifest(v) { dropped.append(m) }
            try? FileManager.default.removeItem(atPath: path(of: v))
        }
        let retained = retainedShards()
        var retainedRejects = Set<String>()
        for v in versions() { if let m = try? manifest(v) { retainedRejects.formUnion(m.rejects) } }
        for m in dropped {
            for shard in m.shards where !retained.contains(shard.path) {
                try? FileManager.default.removeItem(atPath: dataset + "/" + shard.path)
            }
            for r in m.rejects where !retainedRejects.contains(r) { try? FileManager.default.removeItem(atPath: dataset + "/" + r) }
        }
    }
}

extension JSONObject {
    /// Sets `key` (replacing it where it is, or appending it).
    mutating func set(_ key: String, _ value: JSONValue) {
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
    }
}
