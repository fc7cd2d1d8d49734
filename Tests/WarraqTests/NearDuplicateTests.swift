import Foundation
import Parquet
import WarraqTestSupport
import Testing
@testable import Warraq

/// Near-duplicates (`dedup.near`): MinHash-LSH candidates checked by exact Jaccard, decided in input order, the index
/// kept in the dataset and versioned with it.
@Suite struct NearDuplicateTests {
    let original = repositoryRoot.appendingPathComponent("samples/000_e92e0c86928e1aaa.txt")
    let otherStory = repositoryRoot.appendingPathComponent("samples/003_c3cf551cb5915d9e.txt")

    /// The first seed reprinted: its first paragraph rewritten and another credit line at the end.
    func reprint() throws -> String {
        var paragraphs = try String(contentsOf: original, encoding: .utf8).components(separatedBy: "\n\n")
        paragraphs[2] =
            "موسكو - وكالات: قال الكرملين اليوم إن الظروف لا تسمح بتحسين العلاقات مع واشنطن في الوقت الحالي."
        paragraphs.append("المصدر: وكالة رويترز للأنباء")
        return paragraphs.joined(separator: "\n\n")
    }

    @discardableResult
    func run(
        _ inputs: [String], _ out: String, config: PipelineConfig = PipelineConfig(), workers: Int = 2,
        fullRefresh: Bool = false
    ) throws -> PipelineRunner.Summary {
        var options = PipelineRunner.Options(
            config: config, pipelinePath: "test.yaml", pipelineText: "", inputs: inputs, output: out, workers: workers)
        options.quiet = true
        options.fullRefresh = fullRefresh
        return try PipelineRunner(options: options).run()
    }

    struct Row: Equatable {
        var id: String, file: String, nearOf: String?, similarity: Double?, duplicateOf: String?
    }

    /// The current version's rows by input file name.
    func rows(_ out: String) throws -> [String: Row] {
        let folder = DatasetFolder(out)
        var rows: [String: Row] = [:]
        for shard in try folder.requireCurrent().shards {
            for r in try ParquetFileReader(path: out + "/" + shard.path).readAllRows() {
                func string(_ key: String) -> String? { if case .string(let s)? = r[key] { s } else { nil } }
                let file = (string("input_path")! as NSString).lastPathComponent
                var similarity: Double?
                if case .double(let d)? = r["near_duplicate_similarity"] { similarity = d }
                rows[file] = Row(
                    id: string("id")!, file: file, nearOf: string("near_duplicate_of"), similarity: similarity,
                    duplicateOf: string("duplicate_of"))
            }
        }
        return rows
    }

    func copy(_ file: URL, to folder: URL, as name: String? = nil) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: file, to: folder.appendingPathComponent(name ?? file.lastPathComponent))
    }

    /// `dir/in` with the original (a.txt), the other story (b.txt) and the reprint (c.txt).
    func threeArticles(in dir: URL) throws -> URL {
        let input = dir.appendingPathComponent("in")
        try copy(original, to: input, as: "a.txt")
        try copy(otherStory, to: input, as: "b.txt")
        try writeReprint(to: input)
        return input
    }

    /// Puts `file` in place of `input/name` (an input changed since the last run).
    func replace(_ name: String, in input: URL, with file: URL) throws {
        try FileManager.default.removeItem(at: input.appendingPathComponent(name))
        try copy(file, to: input, as: name)
    }

    func writeReprint(to input: URL) throws {
        try reprint().write(to: input.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
    }

    @Test func aReprintIsLinkedToItsOriginalAndAnotherStoryIsNot() throws {
        try withTemporaryFolder { dir in
            let input = try threeArticles(in: dir)
            try run([input.path], dir.path + "/out")
            let rows = try rows(dir.path + "/out")
            #expect(rows["a.txt"]?.nearOf == nil)
            #expect(rows["b.txt"]?.nearOf == nil, "two stories on the same topic are not near-duplicates")
            #expect(rows["c.txt"]?.nearOf == rows["a.txt"]?.id)
            let similarity = try #require(rows["c.txt"]?.similarity)
            #expect(similarity >= 0.8 && similarity < 1)
            // The similarity is the exact Jaccard of the two texts' shingles.
            let config = PipelineConfig()
            let texts = try [original, input.appendingPathComponent("c.txt")].map { url in
                DocumentBuilder(config: config).build(
                    try #require(try ingest(url.path).first?.record)
                ).nearSignature
            }
            #expect(MinHash.jaccard(try #require(texts[0]).shingles, try #require(texts[1]).shingles) == similarity)
        }
    }

    @Test func anExactCopyKeepsDuplicateOfAndNoNearLink() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            try copy(original, to: input, as: "a.txt")
            try copy(original, to: input, as: "b.txt")
            try run([input.path], dir.path + "/out")
            let rows = try rows(dir.path + "/out")
            #expect(rows["b.txt"]?.duplicateOf == rows["a.txt"]?.id)
            #expect(rows["b.txt"]?.nearOf == nil && rows["b.txt"]?.similarity == nil)
        }
    }

    @Test func dropTrueDropsNearDuplicatesWithTheirReason() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            try copy(original, to: input, as: "a.txt")
            try writeReprint(to: input)
            var config = PipelineConfig()
            config.dedup.near.drop = true
            let summary = try run([input.path], dir.path + "/out", config: config)
            #expect(summary.counts.dropped["near_duplicate"] == 1)
            #expect(summary.counts.rowsWritten == 1)
            #expect(try rows(dir.path + "/out").keys.sorted() == ["a.txt"])
            let rejects = try String(
                contentsOfFile: dir.path + "/out/" + (try DatasetFolder(dir.path + "/out").requireCurrent().rejects[0]),
                encoding: .utf8)
            #expect(rejects.contains(#""reason":"near_duplicate""#) && rejects.contains("a near-duplicate of"))
        }
    }

    @Test func theShardsAndTheIndexDoNotDependOnWorkers() throws {
        try withTemporaryFolder { dir in
            let input = try threeArticles(in: dir)
            var config = PipelineConfig()
            config.batchSize = 1
            var digests: [[String]] = []
            for workers in [1, 4] {
                let out = dir.path + "/out\(workers)"
                try run([input.path], out, config: config, workers: workers)
                let m = try DatasetFolder(out).requireCurrent()
                digests.append(m.shards.map(\.sha256) + (m.nearIndex?.segments.map(\.sha256) ?? []))
            }
            #expect(digests[0] == digests[1])
            #expect(digests[0].count >= 2, "shards and one index segment")
        }
    }

    @Test func tonightsCopyIsLinkedToLastWeeksOriginal() throws {
        try withTemporaryFolder { dir in
            let lastWeek = dir.appendingPathComponent("in/2015-07-16")
            let tonight = dir.appendingPathComponent("in/2015-07-23")
            let out = dir.path + "/out"
            try copy(original, to: lastWeek, as: "a.txt")
            try copy(otherStory, to: lastWeek, as: "b.txt")
            try run([dir.path + "/in"], out)
            try FileManager.default.createDirectory(at: tonight, withIntermediateDirectories: true)
            try writeReprint(to: tonight)
            let summary = try run([dir.path + "/in"], out)
            #expect(summary.unchangedInputs == 2 && summary.counts.recordsIn == 1)
            let rows = try rows(out)
            #expect(rows["c.txt"]?.nearOf == rows["a.txt"]?.id)
            let index = try #require(try DatasetFolder(out).requireCurrent().nearIndex)
            #expect(index.segments.map(\.rows) == [2, 1])
        }
    }

    @Test func aReplacedInputsRowsLeaveTheIndex() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            let out = dir.path + "/out"
            try copy(original, to: input, as: "a.txt")
            try run([input.path], out)
            // a.txt now holds the other story: the original's row leaves the dataset, and its index rows with it.
            try replace("a.txt", in: input, with: otherStory)
            try writeReprint(to: input)
            try run([input.path], out)
            let rows = try rows(out)
            #expect(rows["c.txt"]?.nearOf == nil)
            let index = try #require(try DatasetFolder(out).requireCurrent().nearIndex)
            #expect(index.segments.reduce(0) { $0 + $1.rows } == 2)
        }
    }

    @Test func aRollbackRestoresTheIndexWithTheShards() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            let out = dir.path + "/out"
            try copy(original, to: input, as: "a.txt")
            try run([input.path], out)  // version 1: the original
            let v1 = try DatasetFolder(out).requireCurrent().nearIndex
            try replace("a.txt", in: input, with: otherStory)
            try run([input.path], out)  // version 2: the original replaced
            #expect(try DatasetFolder(out).requireCurrent().nearIndex != v1)
            try DatasetTransaction(dataset: out, wait: false).rollback(to: 1)  // version 3 = version 1
            #expect(try DatasetFolder(out).requireCurrent().nearIndex == v1)
            #expect(DatasetVerifier(dataset: out).verify().ok)
            // The restored index is the one a new run reads: tonight's reprint finds the original again.
            try replace("a.txt", in: input, with: original)
            try writeReprint(to: input)
            let summary = try run([input.path], out)
            #expect(summary.counts.recordsIn == 1, "a.txt is as version 1 has it")
            let rows = try rows(out)
            #expect(rows["c.txt"]?.nearOf == rows["a.txt"]?.id)
        }
    }

    @Test func fullRefreshRebuildsTheIndex() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            let out = dir.path + "/out"
            try copy(original, to: input, as: "a.txt")
            try run([input.path], out)
            try writeReprint(to: input)
            try run([input.path], out, fullRefresh: true)
            let index = try #require(try DatasetFolder(out).requireCurrent().nearIndex)
            #expect(index.segments.map(\.rows) == [2])
            #expect(try rows(out)["c.txt"]?.nearOf != nil)
        }
    }

    @Test func aBrokenIndexSegmentIsAClearErrorNotACrash() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in")
            let out = dir.path + "/out"
            try copy(original, to: input, as: "a.txt")
            try run([input.path], out)
            let segment =
                out + "/" + (try #require(try DatasetFolder(out).requireCurrent().nearIndex?.segments.first)).path
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
            // Every truncation, and a footer whose counts and offsets are garbage.
            var broken: [[UInt8]] = stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)).map {
                Array(bytes[..<$0])
            }
            var garbage = bytes
            for k in (bytes.count - NearIndexSegment.footerBytes)..<(bytes.count - 8) { garbage[k] = 0xFF }
            broken.append(garbage)
            for b in broken {
                try Data(b).write(to: URL(fileURLWithPath: segment))
                #expect(throws: NearIndexError.self) { _ = try NearIndexSegment.Reader(path: segment) }
            }
            try writeReprint(to: input)
            let error = #expect(throws: NearIndexError.self) { try run([input.path], out) }
            #expect("\(error!)".contains(segment) && "\(error!)".contains("--full-refresh"))
        }
    }

    @Test func aSegmentWrittenByTheFormatsDescriptionReads() throws {
        // Fuzz/make_seeds.py writes this seed from NearIndexSegment's documented layout, in Python.
        let path = repositoryRoot.appendingPathComponent("Fuzz/corpus/nearindex/seeds/two-rows").path
        let segment = try NearIndexSegment.Reader(path: path)
        #expect(segment.rows.map(\.id) == ["a1", "ب2"])
        #expect(segment.rows.map(\.inputPath) == ["in/a.txt", "in/b.jsonl"])
        #expect(try segment.shingles(of: segment.rows[0]) == [3, 17, 99, 4_000_000_000])
        #expect(segment.rows[1].bandKeys.count == 20 && segment.parameters == MinHashParameters())
        #expect(DatasetVerifier.nearIndexProblem(path: path, rows: 2) == nil)
        #expect(DatasetVerifier.nearIndexProblem(path: path, rows: 3) != nil)
    }

    @Test func theSignatureIsTheSameOnEveryMachine() {
        let p = MinHashParameters()
        let text = "قال الكرملين اليوم ان الظروف غير مناسبه لتطبيع العلاقات مع امريكا"
        let a = MinHash.signature(of: text, p), b = MinHash.signature(of: text + "\n", p)
        #expect(a == b, "white space between words does not count")
        #expect(a?.bandKeys.count == 20)
        #expect(a?.shingles.count == 7)  // 11 words, 5 at a time
        #expect(MinHash.signature(of: " \n ", p) == nil)
        #expect(MinHash.signature(of: "كلمتان فقط", p)?.shingles.count == 1)
        // Pinned: a change of the hashes is a change of every dataset's index (and needs a new warraq version).
        #expect(a?.bandKeys.first == 5_796_897_706_678_505_198 && a?.bandKeys.last == 4_383_423_885_315_823_544)
        #expect(a?.shingles.first == 1_244_555_867)
        #expect(MinHash.jaccard([1, 2, 3, 4], [2, 3, 4, 5]) == 0.6)
        #expect(MinHash.distinctSorted([5, 1, 5, 3, 1]) == [1, 3, 5])
    }

    @Test func bandBucketsChainRowsAsADictionaryWould() {
        var g = SeededGenerator(seed: 17)
        var buckets = BandBuckets()
        var model: [UInt64: (head: Int32, size: Int32)] = [:]
        // 5,004 keys: the table grows from 1,024 slots and probes past taken ones at up to three quarters full; seven
        // keys are drawn again and again until their buckets are full; a key of 0 is a key like any other (a size of
        // 0 marks an empty slot).
        let keys = (0..<5000).map { _ in UInt64.random(in: .min ... .max, using: &g) } + [0, 1, 2, 3]
        for row in Int32(0)..<30_000 {
            let key = row % 3 == 0 ? keys[Int(row) % 7] : keys.randomElement(using: &g)!
            let expected: Int32?
            switch model[key] {
            case nil: expected = -1; model[key] = (row, 1)
            case let b? where b.size < 4: expected = b.head; model[key] = (row, b.size + 1)
            case _?: expected = nil
            }
            #expect(buckets.push(row, key: key, limit: 4) == expected)
        }
        #expect(buckets.count == model.count)
        for key in keys {
            #expect(buckets.bucket(key)?.head == model[key]?.head && buckets.bucket(key)?.size == model[key]?.size)
        }
        #expect(model[0xDEAD_BEEF] == nil && buckets.bucket(0xDEAD_BEEF) == nil, "a key never pushed has no bucket")
    }

    @Test func distinctSortedMatchesASetSortedAtEverySize() {
        var g = SeededGenerator(seed: 13)
        // Spread values (hashes), values sharing their top bits (one bucket), and many repeats.
        for n in [0, 1, 2, 33, 64, 65, 100, 257, 1000, 5000, 70_000] {
            let spread = (0..<n).map { _ in UInt32.random(in: .min ... .max, using: &g) }
            let oneBucket = (0..<n).map { _ in UInt32.random(in: 0...0xFFFF, using: &g) }
            let repeats = (0..<n).map { _ in UInt32.random(in: 0...9, using: &g) &* 0x1000_0001 }
            for values in [spread, oneBucket, repeats, spread.sorted(), spread.sorted().reversed()] {
                #expect(MinHash.distinctSorted(values) == Array(Set(values)).sorted(), "\(n) values")
            }
        }
    }

    @Test func theCandidateProbabilityOfTheDefaults() {
        let p = MinHashParameters()
        #expect(p.candidateProbability(0.8) > 0.999)
        #expect(p.candidateProbability(0.3) < 0.05)
    }
}
