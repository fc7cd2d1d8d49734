import Foundation
import Parquet
import Testing
@testable import Warraq

/// The dataset layer's steps: the partition folders hold exactly the current version, kept versions wait in
/// `_kept/`, and nothing the layer cannot account for is deleted.
@Suite struct DatasetTransactionTests {
    /// Runs the pipeline over `inputs` into `out`, incrementally.
    @discardableResult
    func run(_ inputs: [String], _ out: String, config: PipelineConfig = PipelineConfig()) throws
        -> PipelineRunner.Summary
    {
        var options = PipelineRunner.Options(
            config: config, pipelinePath: "test.yaml", pipelineText: "", inputs: inputs,
            output: out, workers: 2)
        options.quiet = true
        return try PipelineRunner(options: options).run()
    }

    /// Writes `count` small articles of one day into `folder/name`.
    func write(_ folder: URL, _ name: String, _ words: [String]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = words.map {
            #"{"title": "عنوان \#($0)", "content": "نص الخبر عن \#($0) في المدينة اليوم مع تفاصيل أخرى كثيرة للقراء", "#
                + #""date": "2015-07-23"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// A dataset in `dir/out` with two versions: an input, then the same input changed.
    func twoVersions(_ dir: URL) throws -> String {
        let input = dir.appendingPathComponent("in/okaz")
        let out = dir.path + "/out"
        try write(input, "a.jsonl", ["أ", "ب"])
        try run([dir.path + "/in"], out)
        try write(input, "a.jsonl", ["أ", "ت"])
        try run([dir.path + "/in"], out)
        return out
    }

    /// Every file under `dir`, relative, with its size.
    func listing(_ dir: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: dir)
        var out: [String] = []
        while let f = walker?.nextObject() as? String {
            let size =
                ((try? FileManager.default.attributesOfItem(atPath: dir + "/" + f))?[.size] as? NSNumber)?.intValue ?? 0
            out.append("\(f) \(size)")
        }
        return out.sorted()
    }

    /// The ids of the rows every shard in the partition folders holds: what any reader of the folder sees.
    func idsInFolder(_ out: String) throws -> [String] {
        try DatasetFolder(out).liveShardFiles().flatMap { file in
            try ParquetFileReader(path: out + "/" + file).readAllRows(columns: ["id"]).compactMap {
                if case .string(let s)? = $0["id"] { s } else { nil }
            }
        }.sorted()
    }

    func idsInManifest(_ out: String) throws -> [String] {
        let folder = DatasetFolder(out)
        return try folder.requireCurrent().shards.flatMap { s in
            try ParquetFileReader(path: folder.location(of: s.path) ?? "").readAllRows(columns: ["id"]).compactMap {
                if case .string(let s)? = $0["id"] { s } else { nil }
            }
        }.sorted()
    }

    @Test func theFolderIsTheCurrentVersionAfterEveryStep() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            let out = dir.path + "/out"
            try write(input, "a.jsonl", (0..<300).map { "أ\($0)" })
            try run([dir.path + "/in"], out)
            #expect(try idsInFolder(out).count == 300)
            try write(input, "a.jsonl", (0..<250).map { "أ\($0)" })  // the same file, changed
            try run([dir.path + "/in"], out)
            #expect(try idsInFolder(out).count == 250)
            #expect(try idsInFolder(out) == idsInManifest(out))
            try write(input, "b.jsonl", ["ب"])  // a new input
            try run([dir.path + "/in"], out)
            #expect(try idsInFolder(out).count == 251)
            var full = PipelineConfig()
            full.name = "full"
            var options = PipelineRunner.Options(
                config: full, pipelinePath: "t.yaml", pipelineText: "", inputs: [dir.path + "/in"], output: out,
                workers: 1)
            options.quiet = true
            options.fullRefresh = true
            _ = try PipelineRunner(options: options).run()
            #expect(try idsInFolder(out).count == 251)
            try DatasetTransaction(dataset: out, wait: false).rollback(to: 1)
            #expect(try idsInFolder(out).count == 300)
            #expect(try idsInFolder(out) == idsInManifest(out))
            #expect(DatasetVerifier(dataset: out).verify().ok)
            #expect(DatasetVerifier(dataset: out).verify(quick: true).ok)
        }
    }

    @Test(arguments: [
        "{\"format\": \"warraq-manifest/2\"", "not json", "{\"format\": \"warraq-manifest/3\", \"version\": 9}", "",
    ])
    func anUnreadableManifestRefusesAndDeletesNothing(text: String) throws {
        try withTemporaryFolder { dir in
            let out = try twoVersions(dir)
            try text.write(toFile: out + "/_manifest.json", atomically: true, encoding: .utf8)
            let before = listing(out).filter { !$0.hasPrefix(".warraq.lock") }
            #expect(throws: DatasetError.self) { try run([dir.path + "/in"], out) }
            #expect(throws: DatasetError.self) { try DatasetTransaction(dataset: out, wait: false) }
            #expect(listing(out).filter { !$0.hasPrefix(".warraq.lock") } == before)
        }
    }

    @Test func aCurrentManifestWhoseVersionIsMissingRefuses() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            let out = dir.path + "/out"
            try write(input, "a.jsonl", ["أ"])
            try run([dir.path + "/in"], out)
            try FileManager.default.removeItem(atPath: DatasetFolder(out).versionPath(1))
            let error = try #require(throws: DatasetError.self) { try DatasetTransaction(dataset: out, wait: false) }
            #expect(error.description.contains("000001.json is missing"))
        }
    }

    @Test func aShardNoManifestListsIsReportedAndLeft() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            let out = dir.path + "/out"
            try write(input, "a.jsonl", ["أ"])
            try run([dir.path + "/in"], out)
            let stray = out + "/source=okaz/date=2015-07-23/part-99999.parquet"
            try FileManager.default.copyItem(
                atPath: out + "/" + DatasetFolder(out).requireCurrent().shards[0].path, toPath: stray)
            let transaction = try DatasetTransaction(dataset: out, wait: false)
            #expect(transaction.notes.contains { $0.contains("part-99999.parquet is listed by no manifest") })
            #expect(FileManager.default.fileExists(atPath: stray))
            #expect(!DatasetVerifier(dataset: out).verify().ok)
        }
    }

    @Test func anUnfinishedPublishIsUndoneByTheNextOpening() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            let out = dir.path + "/out"
            try write(input, "a.jsonl", ["أ"])
            try run([dir.path + "/in"], out)
            let folder = DatasetFolder(out)
            // As a run killed after recording version 2 and moving its shard in, before the switch.
            var next = try folder.requireCurrent()
            next.version = 2
            next.shards[0].path = "source=okaz/date=2015-07-23/part-00007.parquet"
            try FileOps.writeSynced(next.encoded(), to: folder.versionPath(2))
            try FileManager.default.copyItem(
                atPath: out + "/" + folder.requireCurrent().shards[0].path, toPath: out + "/" + next.shards[0].path)
            let transaction = try DatasetTransaction(dataset: out, wait: false)
            #expect(transaction.notes == ["removed version 2, which a run killed while publishing left unfinished"])
            #expect(folder.versions() == [1])
            #expect(folder.location(of: next.shards[0].path) == nil)
            #expect(DatasetVerifier(dataset: out).verify().ok)
        }
    }

    @Test func aWarraq02DatasetIsUpgraded() throws {
        try withTemporaryFolder { dir in
            let out = try twoVersions(dir)
            let folder = DatasetFolder(out)
            // Back to the 0.2 layout: manifest.json of format 1, the kept shards beside the current ones.
            for v in folder.versions() {
                var m = try folder.manifest(version: v)
                m.format = "warraq-manifest/1"
                try FileOps.writeSynced(m.encoded(), to: folder.versionPath(v))
            }
            var current = try folder.requireCurrent()
            current.format = "warraq-manifest/1"
            try FileOps.writeSynced(current.encoded(), to: out + "/manifest.json")
            try FileManager.default.removeItem(atPath: folder.manifestPath)
            for kept in folder.keptShardFiles() { try FileOps.move(folder.keptPath(kept), to: out + "/" + kept) }
            #expect(folder.isLegacy && folder.liveShardFiles().count == 2)
            let transaction = try DatasetTransaction(dataset: out, wait: false)
            #expect(transaction.notes.first?.hasPrefix("upgraded \(out) from warraq-manifest/1") == true)
            #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
            #expect(try folder.requireCurrent().format == Manifest.format)
            #expect(try folder.manifest(version: 1).format == Manifest.format)
            #expect(folder.liveShardFiles() == (try folder.requireCurrent().shards.map(\.path).sorted()))
            #expect(folder.keptShardFiles().count == 1)
            #expect(DatasetVerifier(dataset: out).verify().ok)
        }
    }

    @Test func compactionMergesSmallShardsAndKeepsEveryRow() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            let out = dir.path + "/out"
            for night in 0..<5 {
                try write(input, "night\(night).jsonl", (0..<20).map { "ليلة\(night) خبر\($0)" })
                try run([dir.path + "/in"], out)
            }
            let folder = DatasetFolder(out)
            let ids = try idsInFolder(out)
            #expect(folder.liveShardFiles().count == 5 && ids.count == 100)
            var config = PipelineConfig()
            config.compact.maxFiles = 2
            let result = try DatasetCompaction.run(DatasetTransaction(dataset: out, wait: false), config: config)
            #expect(result.version == 6 && result.before == 5 && result.after == 1)
            #expect(folder.liveShardFiles().count == 1)
            #expect(try idsInFolder(out) == ids)
            #expect(try folder.requireCurrent().compactedFrom == 5)
            #expect(DatasetVerifier(dataset: out).verify().ok)
            // Automatic compaction folds into the run's own version.
            config.compact.auto = true
            for night in 5..<8 {
                try write(input, "night\(night).jsonl", (0..<20).map { "ليلة\(night) خبر\($0)" })
                try run([dir.path + "/in"], out, config: config)
            }
            #expect(folder.liveShardFiles().count <= 2)
            #expect(try idsInFolder(out).count == 160)
            #expect(try idsInFolder(out) == idsInManifest(out))
        }
    }
}
