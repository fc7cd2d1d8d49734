import Foundation
import Parquet

/// Checks a published dataset against its manifest: every shard is in its partition folder with its size and
/// SHA-256, and (unless quick) parses to the end with its row count; files that the manifest does not list are
/// reported, those of kept versions (in `_kept/`) as kept.
public struct DatasetVerifier {
    public struct Report: Sendable {
        public var problems: [String] = []
        /// Shards not in the current manifest but listed by a kept version (in `_kept/`, for `rollback`).
        public var retained: [String] = []
        /// Files a run or command killed while publishing or pruning left out of place: accounted for (a version
        /// lists them, or they are in `_kept/`), and put in place or removed by the next run or command that opens
        /// the dataset. Until then readers of the folder may count a shard the current version does not list.
        public var pending: [String] = []
        public var shards = 0
        public var rows: Int64 = 0
        public var bytes: Int64 = 0
        public var ok: Bool { problems.isEmpty }
    }

    public let dataset: String

    public init(dataset: String) { self.dataset = dataset }

    /// - Parameter quick: sizes, footers and SHA-256 only, without decoding rows.
    public func verify(quick: Bool = false) -> Report {
        var report = Report()
        let folder = DatasetFolder(dataset)
        let manifest: Manifest
        do { manifest = try folder.requireCurrent() } catch {
            report.problems.append("\(error)")
            return report
        }
        if folder.isLegacy {
            report.problems.append(
                "\(dataset) is a warraq 0.2 dataset (manifest.json): the next `warraq run` upgrades it")
        }
        for shard in manifest.shards {
            let path = folder.livePath(shard.path)
            guard FileManager.default.fileExists(atPath: path) else {
                report.problems.append("\(shard.path): missing"); continue
            }
            do {
                let (sha, bytes) = try FileOps.sha256(path: path)
                if bytes != shard.bytes {
                    report.problems.append("\(shard.path): \(bytes) bytes, the manifest says \(shard.bytes)")
                }
                if sha != shard.sha256 {
                    report.problems.append("\(shard.path): SHA-256 \(sha), the manifest says \(shard.sha256)")
                }
                let reader = try ParquetFileReader(path: path)
                var rows: Int64 = 0
                if quick {
                    rows = reader.metadata.numRows
                } else {
                    for g in reader.metadata.rowGroups.indices { rows += Int64(try reader.readRows(rowGroup: g).count) }
                }
                if rows != shard.rows {
                    report.problems.append("\(shard.path): \(rows) rows, the manifest says \(shard.rows)")
                }
                report.shards += 1
                report.rows += rows
                report.bytes += bytes
            } catch {
                report.problems.append("\(shard.path): \(error)")
            }
        }
        for rejects in manifest.rejects where !FileManager.default.fileExists(atPath: dataset + "/" + rejects) {
            report.problems.append("\(rejects): missing (the rejects of a run this version holds)")
        }
        for segment in manifest.nearIndex?.segments ?? [] {
            let path = dataset + "/" + segment.path
            do {
                let (sha, bytes) = try FileOps.sha256(path: path)
                if bytes != segment.bytes || sha != segment.sha256 {
                    report.problems.append(
                        "\(segment.path): \(bytes) bytes, SHA-256 \(sha); the manifest says \(segment.bytes), "
                            + "\(segment.sha256) (the near-duplicate index; `warraq run --full-refresh` rebuilds it)")
                } else if !quick, let problem = Self.nearIndexProblem(path: path, rows: segment.rows) {
                    report.problems.append(problem)
                }
            } catch {
                report.problems.append("\(segment.path): missing or unreadable (the near-duplicate index): \(error)")
            }
        }
        let live = Set(manifest.shards.map(\.path))
        var kept = Set<String>()
        for v in folder.versions() {
            do { kept.formUnion(try folder.manifest(version: v).shards.map(\.path)) } catch {
                report.problems.append("\(error)")
            }
        }
        for file in folder.liveShardFiles() where !live.contains(file) {
            if kept.contains(file) {
                report.pending.append(
                    "\(file): of another version, left in the partition folders by an interrupted publish")
            } else {
                report.problems.append(
                    "\(file): in the partition folders but not in the current manifest (readers of the folder count it)"
                )
            }
        }
        for file in folder.keptShardFiles() {
            if kept.contains(file) && !live.contains(file) {
                report.retained.append(file)
            } else {
                report.pending.append(
                    "\(DatasetFolder.keptFolder)/\(file).kept: listed by no version, left by an interrupted prune")
            }
        }
        return report
    }

    /// What is wrong with the near-duplicate index segment at `path` (its rows, and every row's shingles, read), or
    /// nil; `rows` is how many it must hold, when known.
    public static func nearIndexProblem(path: String, rows: Int? = nil) -> String? {
        do {
            let segment = try NearIndexSegment.Reader(path: path)
            if let rows, segment.rows.count != rows {
                return "\(path): \(segment.rows.count) rows, the manifest says \(rows)"
            }
            for row in segment.rows { _ = try segment.shingles(of: row) }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
