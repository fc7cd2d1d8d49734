import Foundation

/// Publishes a run's staged shards: moves them into place, then replaces `manifest.json` by a rename,
/// so that a reader of the manifest sees the whole new run or the whole previous one.
struct Publisher {
    let dataset: String
    let staging: String

    func publish(manifest: Manifest, shards: [PartitionedWriter.Shard], rejects: String?) throws {
        let previous = previousShards()
        var text: [UInt8] = []
        JSONWriter.pretty(manifest.json(), to: &text)
        text.append(0x0A)
        // 1. Shards and rejects into place (new names: the previous manifest's files are untouched).
        for shard in shards { try FileOps.move(shard.stagingPath, to: dataset + "/" + shard.relativePath) }
        if let rejects { try FileOps.move(staging + "/" + rejects, to: dataset + "/" + rejects) }
        for folder in Set(shards.map { (dataset + "/" + $0.relativePath as NSString).deletingLastPathComponent }) {
            FileOps.syncFolder(folder)
        }
        // 2. The manifest last, by an atomic rename.
        let staged = staging + "/manifest.json"
        try FileOps.writeSynced(text, to: staged)
        try FileOps.move(staged, to: dataset + "/manifest.json")
        FileOps.syncFolder(dataset)
        // 3. Shards the previous manifest listed and the new one does not are superseded.
        let current = Set(shards.map(\.relativePath))
        for path in previous where !current.contains(path) {
            try? FileManager.default.removeItem(atPath: dataset + "/" + path)
        }
    }

    /// The shard paths listed by the manifest being replaced.
    private func previousShards() -> [String] {
        guard let data = FileManager.default.contents(atPath: dataset + "/manifest.json"),
              let json = try? [UInt8](data).withUnsafeBytes({ try JSONParser.parse($0) }),
              case .array(let shards)? = json["shards"] else { return [] }
        return shards.compactMap { $0["path"]?.stringValue }.filter { !$0.contains("..") && !$0.hasPrefix("/") }
    }
}
