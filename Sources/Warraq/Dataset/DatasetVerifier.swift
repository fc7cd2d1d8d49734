import Foundation
import Parquet

/// Checks a published dataset against its manifest: every shard exists with its size and SHA-256,
/// parses to the end, and holds its row count; every file the manifest does not list is reported.
public struct DatasetVerifier {
    public struct Report: Sendable {
        public var problems: [String] = []
        /// Files not in the current manifest but listed by a kept version (there for `rollback`).
        public var retained: [String] = []
        public var shards = 0
        public var rows: Int64 = 0
        public var bytes: Int64 = 0
        public var ok: Bool { problems.isEmpty }
    }

    public let dataset: String

    public init(dataset: String) { self.dataset = dataset }

    public func verify() -> Report {
        var report = Report()
        let manifest: PublishedManifest
        do { manifest = try PublishedManifest(path: dataset + "/manifest.json") } catch {
            report.problems.append("\(error)")
            return report
        }
        for shard in manifest.shards {
            let path = dataset + "/" + shard.path
            guard FileManager.default.fileExists(atPath: path) else {
                report.problems.append("\(shard.path): missing"); continue
            }
            do {
                let (sha, bytes) = try FileOps.sha256(path: path)
                if bytes != shard.bytes { report.problems.append("\(shard.path): \(bytes) bytes, the manifest says \(shard.bytes)") }
                if sha != shard.sha256 { report.problems.append("\(shard.path): SHA-256 \(sha), the manifest says \(shard.sha256)") }
                let reader = try ParquetFileReader(path: path)
                var rows: Int64 = 0
                for g in reader.metadata.rowGroups.indices { rows += Int64(try reader.readRows(rowGroup: g).count) }
                if rows != shard.rows { report.problems.append("\(shard.path): \(rows) rows, the manifest says \(shard.rows)") }
                report.shards += 1
                report.rows += rows
                report.bytes += bytes
            } catch {
                report.problems.append("\(shard.path): \(error)")
            }
        }
        for rejects in manifest.rejects where !FileManager.default.fileExists(atPath: dataset + "/" + rejects) {
            report.problems.append("\(rejects): missing (the rejects of this run)")
        }
        let listed = Set(manifest.shards.map(\.path))
        let kept = DatasetHistory(dataset: dataset).retainedShards()
        for file in dataFiles() where !listed.contains(file) {
            if kept.contains(file) { report.retained.append(file) } else { report.problems.append("\(file): not listed in the manifest") }
        }
        return report
    }

    /// Files under the partition folders (everything but manifest.json and the `_`/`.` folders).
    private func dataFiles() -> [String] {
        var out: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: dataset) else { return out }
        while let relative = walker.nextObject() as? String {
            let first = relative.split(separator: "/").first.map(String.init) ?? relative
            if first.hasPrefix("_") || first.hasPrefix(".") { walker.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dataset + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue && relative != "manifest.json" { out.append(relative) }
        }
        return out.sorted()
    }
}
