import Foundation
import Parquet
import Testing
import WarraqTestSupport
@testable import Warraq

/// Sharded runs (`warraq run --task I --tasks N`, then `warraq commit`): the committed dataset holds the rows and
/// values of a single run over the same inputs; tasks are resumable and never touch the published version.
@Suite struct ShardedRunTests {
    static let samples = repositoryRoot.appendingPathComponent("samples/saudinewsnet")

    /// `dir/in`: the JSON array sample, a CSV of the CSV sample three times over (quoted newlines in its rows), and a
    /// JSON lines file of the JSON lines sample 30 times over (exact copies under other urls, near copies with a
    /// credit line added), with a blank line and a broken line: duplicates cross every task boundary, and both
    /// large files are cut into pieces.
    func inputs(in dir: URL) throws -> URL {
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.samples.appendingPathComponent("2015-07-23-sample.json"),
            to: input.appendingPathComponent("a.json"))
        let csv = try String(contentsOf: Self.samples.appendingPathComponent("2015-08-09-sample.csv"), encoding: .utf8)
        let header = csv.prefix { $0 != "\n" }
        let body = csv.dropFirst(header.count + 1)
        try (String(header) + "\n" + String(repeating: String(body), count: 3)).write(
            to: input.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let lines = try String(
            contentsOf: Self.samples.appendingPathComponent("2015-08-01-sample.jsonl"), encoding: .utf8
        )
        .split(separator: "\n").map(String.init)
        var out = ""
        for copy in 0..<30 {
            for line in lines {
                guard case .object(var o) = try JSONParser.parse(line) else { continue }
                o.members = o.members.map { key, value in
                    switch (key, value) {
                    case ("url", .string(let url)): return (key, .string(url + "#copy\(copy)"))
                    case ("content", .string(let text)) where copy % 2 == 1:
                        return (key, .string("وكالات - \(copy)\n" + text))
                    default: return (key, value)
                    }
                }
                out += JSONWriter.serialize(.object(o)) + "\n"
            }
            if copy == 7 { out += "\n{not json\n" }
        }
        try out.write(to: input.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        return input
    }

    /// The default pipeline file, with `edit` applied to its text, in `dir`.
    func pipeline(in dir: URL, _ edit: (String) -> String = { $0 }) throws -> (String, PipelineConfig, String) {
        let text = edit(
            try String(contentsOf: repositoryRoot.appendingPathComponent("pipelines/arabic-news.yaml"), encoding: .utf8)
        )
        let path = dir.appendingPathComponent("pipeline.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (config, loaded) = try PipelineConfig.load(path: path)
        return (path, config, loaded)
    }

    func options(_ p: (String, PipelineConfig, String), _ inputs: [String], _ out: String) -> PipelineRunner.Options {
        var o = PipelineRunner.Options(
            config: p.1, pipelinePath: p.0, pipelineText: p.2, inputs: inputs, output: out, workers: 2)
        o.quiet = true
        return o
    }

    func runTasks(
        _ p: (String, PipelineConfig, String), _ inputs: [String], _ out: String, tasks: Int, run: String,
        only: [Int]? = nil
    ) throws {
        for i in only ?? Array(0..<tasks) {
            try TaskRunner(
                options: TaskRunner.Options(runner: options(p, inputs, out), task: i, tasks: tasks, run: run)
            )
            .run()
        }
    }

    func commit(_ out: String, _ run: String) throws -> RunCommitter.Summary {
        try RunCommitter(options: RunCommitter.Options(dataset: out, run: run)).commit()
    }

    /// The current version's rows, partition by partition, in the manifest's shard order; and its manifest.
    func content(_ out: String) throws -> ([String: [ParquetValue]], Manifest) {
        let m = try DatasetFolder(out).requireCurrent()
        var parts: [String: [ParquetValue]] = [:]
        for shard in m.shards {
            parts[(shard.path as NSString).deletingLastPathComponent, default: []] +=
                try ParquetFileReader(path: out + "/" + shard.path).readAllRows()
        }
        return (parts, m)
    }

    func expectSameRowsAndValues(_ single: String, _ sharded: String) throws {
        let (a, ma) = try content(single), (b, mb) = try content(sharded)
        #expect(Set(a.keys) == Set(b.keys))
        for (folder, rows) in a { #expect(Self.firstDifference(rows, b[folder] ?? []) == nil, "partition \(folder)") }
        #expect(ma.counts == mb.counts)
        #expect(ma.schema == mb.schema)
        #expect(ma.inputs.map(\.path) == mb.inputs.map(\.path))
        #expect(ma.inputs.map(\.sha256) == mb.inputs.map(\.sha256))
        #expect(ma.inputs.map(\.counts) == mb.inputs.map(\.counts))
        #expect(ma.nearIndex?.segments.map(\.sha256) == mb.nearIndex?.segments.map(\.sha256))
        #expect(DatasetVerifier(dataset: sharded).verify().problems.isEmpty)
    }

    /// Where two partitions' rows first differ (row and columns), or nil when they are equal: a short message.
    static func firstDifference(_ a: [ParquetValue], _ b: [ParquetValue]) -> String? {
        guard a.count == b.count else { return "\(a.count) rows against \(b.count)" }
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            guard case .record(let fx) = x, case .record(let fy) = y else { return "row \(i)" }
            let columns = zip(fx, fy).filter { $0.0 != $0.1 }.map { "\($0.0.name): \($0.0.value) vs \($0.1.value)" }
            return "row \(i): " + columns.joined(separator: "; ")
        }
        return nil
    }

    @Test func slicesAreContiguousBalancedAndCutLargeLinesFiles() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir)
            let (files, _, _) = IngestStep(options: IngestOptions()).scan([input.path])
            let slices = TaskSlicer.slices(files, tasks: 4)
            #expect(slices.count == 4)
            // In order: the slices, concatenated, are the files with the large ones cut into adjacent pieces.
            let flat = slices.flatMap { $0 }
            #expect(
                flat.map(\.path).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == files.map(\.path))
            let pieces = flat.filter { $0.path.hasSuffix("c.jsonl") }
            #expect(pieces.count >= 2)
            #expect(pieces.first?.piece?.lowerBound == 0 && pieces.last?.piece?.upperBound == .max)
            for (a, b) in zip(pieces, pieces.dropFirst()) { #expect(a.piece?.upperBound == b.piece?.lowerBound) }
            #expect(!flat.contains { $0.path.hasSuffix("a.json") && $0.piece != nil }, "a JSON array is never cut")
            #expect(TaskSlicer.slices(files, tasks: 1) == [files])
        }
    }

    @Test func piecesReadEveryRecordOnceWithTheWholeFilesNumbers() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir)
            for name in ["b.csv", "c.jsonl"] {
                let path = input.appendingPathComponent(name).path
                let bytes = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber as! Int)
                func items(_ piece: Range<Int64>?) throws -> [String] {
                    var out: [String] = []
                    try InputReader.read(InputReader.InputFile(path: path, bytes: bytes, piece: piece)) { item in
                        switch item {
                        case .record(let r):
                            out.append("record \(r.inputRecord) \(JSONWriter.serialize(.object(r.fields)))")
                        case .rejected(let r): out.append("rejected \(r.inputRecord ?? -1) \(r.reason.rawValue)")
                        }
                    }
                    return out
                }
                let whole = try items(nil)
                for cuts in [[bytes / 2], [bytes / 5, bytes / 3, bytes - 10], [1, 2, 3]] {
                    let bounds = [0] + cuts + [Int64.max]
                    let pieces = try zip(bounds, bounds.dropFirst()).flatMap { try items($0..<$1) }
                    #expect(pieces == whole, "\(name) cut at \(cuts)")
                }
                #expect(whole.contains { $0.hasPrefix("rejected") }, "\(name): its broken records are read once too")
            }
        }
    }

    @Test func threeTasksCommitToTheRowsAndValuesOfASingleRun() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir).path
            let p = try pipeline(in: dir)
            let single = dir.appendingPathComponent("single").path, sharded = dir.appendingPathComponent("sharded").path
            _ = try PipelineRunner(options: options(p, [input], single)).run()
            try runTasks(p, [input], sharded, tasks: 3, run: "r1")
            #expect(!FileManager.default.fileExists(atPath: sharded + "/_manifest.json"), "tasks publish nothing")
            let s = try commit(sharded, "r1")
            #expect(s.published && s.version == 1 && s.tasks == 3)
            #expect(s.relinked > 0, "copies in later tasks point at originals in earlier ones")
            try expectSameRowsAndValues(single, sharded)
            let m = try DatasetFolder(sharded).requireCurrent()
            #expect(m.run.id == "r1" && m.run.tasks == 3)
            #expect(m.run.taskRuns?.map(\.task) == [0, 1, 2])
            #expect(m.run.taskRuns?.reduce(0) { $0 + $1.counts.recordsIn } == m.counts.recordsIn)
            // Idempotent: a second commit does nothing and says so.
            let again = try commit(sharded, "r1")
            #expect(!again.published && again.committedAs == 1)
            #expect(try DatasetFolder(sharded).requireCurrent().version == 1)
        }
    }

    @Test func droppedNearDuplicatesAreDecidedAcrossTasks() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir).path
            let p = try pipeline(in: dir) { $0.replacingOccurrences(of: "    drop: false", with: "    drop: true") }
            #expect(p.1.dedup.near.drop)
            let single = dir.appendingPathComponent("single").path, sharded = dir.appendingPathComponent("sharded").path
            _ = try PipelineRunner(options: options(p, [input], single)).run()
            try runTasks(p, [input], sharded, tasks: 4, run: "r1")
            _ = try commit(sharded, "r1")
            try expectSameRowsAndValues(single, sharded)
            #expect(try DatasetFolder(sharded).requireCurrent().counts.dropped["near_duplicate", default: 0] > 0)
        }
    }

    @Test func anIncrementalShardedRunLinksToTheDatasetsRows() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir)
            let later = dir.appendingPathComponent("later")
            try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
            try FileManager.default.moveItem(
                at: input.appendingPathComponent("c.jsonl"), to: later.appendingPathComponent("c.jsonl"))
            let p = try pipeline(in: dir)
            let single = dir.appendingPathComponent("single").path, sharded = dir.appendingPathComponent("sharded").path
            for out in [single, sharded] { _ = try PipelineRunner(options: options(p, [input.path], out)).run() }
            try FileManager.default.copyItem(
                at: later.appendingPathComponent("c.jsonl"), to: input.appendingPathComponent("c.jsonl"))
            // The copies come back under other urls: each task links them to the dataset's originals.
            try String(contentsOf: later.appendingPathComponent("c.jsonl"), encoding: .utf8)
                .replacingOccurrences(of: "#copy", with: "#again").write(
                    to: input.appendingPathComponent("d.jsonl"), atomically: true, encoding: .utf8)
            _ = try PipelineRunner(options: options(p, [input.path], single)).run()
            try runTasks(p, [input.path], sharded, tasks: 3, run: "r2")
            let s = try commit(sharded, "r2")
            #expect(s.version == 2)
            try expectSameRowsAndValues(single, sharded)
        }
    }

    @Test func aCommitNamesMissingTasksAndPublishesNothingUntilTheyRun() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir).path
            let p = try pipeline(in: dir)
            let out = dir.appendingPathComponent("sharded").path
            try runTasks(p, [input], out, tasks: 3, run: "r1", only: [0, 2])
            #expect {
                try commit(out, "r1")
            } throws: { error in
                guard case TaskError.incomplete(_, let missing, _, _) = error else { return false }
                return missing == [1] && "\(error)".contains("missing: tasks 1")
            }
            #expect(!FileManager.default.fileExists(atPath: out + "/_manifest.json"))
            #expect(ExitStatus.code(for: TaskError.noRun(dataset: out)) == ExitStatus.failure)
            // A run id is a folder name: one that would leave the dataset's _tasks/ is refused.
            for bad in ["../escape", ".hidden", "a/b", ""] {
                #expect(throws: TaskError.self) { try runTasks(p, [input], out, tasks: 3, run: bad, only: [0]) }
                #expect(throws: TaskError.self) { try commit(out, bad) }
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape").path))
            // A rerun of a task replaces its folder with the same results.
            let folder = TaskFolder(dataset: out, run: "r1")
            let before = try TaskState.load(path: folder.stateFile(0))
            try runTasks(p, [input], out, tasks: 3, run: "r1", only: [0, 1])
            let after = try TaskState.load(path: folder.stateFile(0))
            #expect(before.shards.map(\.sha256) == after.shards.map(\.sha256))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
            #expect(try commit(out, "r1").published)
        }
    }

    @Test func aCommitRefusesTasksPlannedAgainstAnotherVersion() throws {
        try withTemporaryFolder { dir in
            let input = try inputs(in: dir).path
            let p = try pipeline(in: dir)
            let out = dir.appendingPathComponent("sharded").path
            try runTasks(p, [input], out, tasks: 2, run: "r1")
            _ = try PipelineRunner(options: options(p, [input], out)).run()  // another run published meanwhile
            #expect {
                try commit(out, "r1")
            } throws: { error in
                guard case TaskError.baseMoved(_, let planned, let current) = error else { return false }
                return planned == nil && current == 1
            }
            #expect(try DatasetFolder(out).requireCurrent().version == 1)
        }
    }
}
