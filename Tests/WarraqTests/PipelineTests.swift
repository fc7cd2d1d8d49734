import Foundation
import Parquet
import Testing
@testable import Warraq

@Suite struct SeedTests {
    func annotateSeed(_ name: String) throws -> Document {
        var docs: [Document] = []
        let path = repositoryRoot.appendingPathComponent("samples/\(name)").path
        try PipelineRunner.annotate(paths: [path], config: PipelineConfig()) {
            if case .success(let d) = $0 { docs.append(d) }
        }
        return try #require(docs.first)
    }

    @Test func seed000() throws {
        let doc = try annotateSeed("000_e92e0c86928e1aaa.txt")
        #expect(doc.title == "الكرملين: الظرف غير مناسب لتطبيع العلاقات مع أميركا")
        #expect(doc.kicker == nil)
        #expect(!doc.text.contains("[ad_") && !doc.text.contains("]"))
        #expect(doc.paragraphCount >= 10 && doc.text.contains("\n\n"))
        #expect(doc.text.hasPrefix("بينما انشغلت الأوساط السياسية"))
        #expect(doc.language == "ar" && doc.languageScore > 0.8)
        #expect(doc.textNormalized.contains("الاوساط السياسيه"))
    }

    @Test func seed003() throws {
        let doc = try annotateSeed("003_c3cf551cb5915d9e.txt")
        #expect(doc.kicker == "العلاقات الأمريكية - الروسية..")
        #expect(doc.title == "الكرملين: وجهتا نظر بوتين وبايدن بشأن تحسين العلاقات متطابقتان")
        #expect(doc.text.hasPrefix("قال المتحدث الصحفي"))
        #expect(doc.paragraphCount >= 10 && doc.language == "ar")
    }
}

@Suite struct RunTests {
    private func run(
        _ inputs: [String], output: String, workers: Int, config: PipelineConfig = PipelineConfig(),
        fullRefresh: Bool = true, pipelineText: String = ""
    ) throws -> PipelineRunner.Summary {
        var options = PipelineRunner.Options(
            config: config, pipelinePath: "test.yaml", pipelineText: pipelineText, inputs: inputs, output: output,
            workers: workers)
        options.quiet = true
        options.fullRefresh = fullRefresh
        return try PipelineRunner(options: options).run()
    }

    private func manifest(_ dir: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/_manifest.json"))
        return try [UInt8](data).withUnsafeBytes { try JSONParser.parse($0) }
    }

    @Test func shardsAreByteIdenticalForOneAndFourWorkers() throws {
        try withTemporaryFolder { dir in
            var config = PipelineConfig()
            config.batchSize = 3  // many batches, so that workers really interleave
            let samples = repositoryRoot.appendingPathComponent("samples").path
            _ = try run([samples], output: dir.path + "/w1", workers: 1, config: config)
            _ = try run([samples], output: dir.path + "/w4", workers: 4, config: config)
            let m1 = try manifest(dir.path + "/w1"), m4 = try manifest(dir.path + "/w4")
            guard case .array(let s1)? = m1["shards"], case .array(let s4)? = m4["shards"] else {
                Issue.record("no shards"); return
            }
            #expect(s1.count >= 4 && s1.count == s4.count)
            for (a, b) in zip(s1, s4) {
                #expect(a["path"] == b["path"] && a["sha256"] == b["sha256"])
                let pa = dir.path + "/w1/" + a["path"]!.stringValue!, pb = dir.path + "/w4/" + b["path"]!.stringValue!
                #expect(FileManager.default.contentsEqual(atPath: pa, andPath: pb))
            }
        }
    }

    /// A tiny memory budget writes row groups early (the writer's running total of what it holds, checked against a
    /// fresh sum in debug builds, crosses the budget on nearly every batch); no row is lost.
    @Test func aSmallMemoryBudgetWritesRowGroupsEarlyAndKeepsEveryRow() throws {
        try withTemporaryFolder { dir in
            // 1,200 articles in four partitions: each partition's rows reach the writer in several batches.
            let input = dir.appendingPathComponent("articles.jsonl")
            let lines = (0..<1200).map { i in
                let words = (0..<40).map { "كلمة\($0 % 7)\(i)" }.joined(separator: " ")
                return #"{"id": "a\#(i)", "source": "s\#(i % 2)", "date": "2015-07-2\#(i % 2 + 3)", "#
                    + #""title": "عنوان \#(i)", "content": "\#(words)"}"#
            }
            try lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
            var small = PipelineConfig()
            small.writer.memoryBudget = 16 << 10
            let a = try run([input.path], output: dir.path + "/default", workers: 2)
            let b = try run([input.path], output: dir.path + "/small", workers: 2, config: small)
            func groupsAndRows(_ out: String) throws -> (groups: Int, rows: Int64) {
                guard case .array(let shards)? = try manifest(out)["shards"] else { return (0, 0) }
                var groups = 0, rows: Int64 = 0
                for shard in shards {
                    let file = try ParquetFileReader(path: out + "/" + shard["path"]!.stringValue!)
                    groups += file.metadata.rowGroups.count
                    rows += file.metadata.numRows
                }
                return (groups, rows)
            }
            let (groupsA, rowsA) = try groupsAndRows(dir.path + "/default")
            let (groupsB, rowsB) = try groupsAndRows(dir.path + "/small")
            #expect(rowsA == 1200 && rowsB == 1200 && a.counts.rowsWritten == 1200 && b.counts.rowsWritten == 1200)
            #expect(groupsB > groupsA)
        }
    }

    @Test func countsAddUpWithBadInputsAndEveryRecordIsSomewhere() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            let good = #"{"title": "عنوان", "content": "نص الخبر الأول", "date": "2015-07-23"}"#
            let jsonLines =
                "\(good)\n{bad json\n\(good.replacingOccurrences(of: "الأول", with: "الثاني"))\n"
                + "{\"content\": \"\"}\n\(good)\n"
            try jsonLines.write(to: input.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            try Data().write(to: input.appendingPathComponent("empty.json"))
            try Data([0, 1, 2, 3]).write(to: input.appendingPathComponent("blob.txt"))
            let gz = [UInt8](
                try gzipped(
                    Data(
                        (0..<100).map { good.replacingOccurrences(of: "الأول", with: "رقم \($0 * 7919)") + "\n" }
                            .joined().utf8)))
            try Data(gz.prefix(gz.count / 2)).write(to: input.appendingPathComponent("cut.jsonl.gz"))
            try "not a readme".write(to: input.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
            let out = dir.path + "/out"
            let summary = try run([dir.path + "/in"], output: out, workers: 2)
            let c = summary.counts
            #expect(c.balanced)
            #expect(
                c.rejected["invalid_json"] == 1 && c.rejected["empty_file"] == 1 && c.rejected["binary_file"] == 1
                    && c.rejected["truncated_gzip"] == 1)
            #expect(c.dropped["empty_text"] == 1)
            let m = try manifest(out)
            #expect(m["counts"]?["records_in"] == .number(String(c.recordsIn)))
            #expect(m["skipped_files"] == .array([.string(input.appendingPathComponent("README.md").path)]))
            // Every rejected or dropped record is in the rejects file, with its reason.
            guard case .array(let rejects)? = m["rejects"], let rel = rejects.first?.stringValue else {
                Issue.record("no rejects file"); return
            }
            let lines = try String(contentsOfFile: out + "/" + rel, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == c.droppedTotal + c.rejectedTotal)
            // Rows in the shards equal rows_written, and duplicates point at the first copy.
            guard case .array(let shards)? = m["shards"] else { Issue.record("no shards"); return }
            var rows: [ParquetValue] = []
            for s in shards { rows += try ParquetFileReader(path: out + "/" + s["path"]!.stringValue!).readAllRows() }
            #expect(rows.count == c.rowsWritten)
            let firstID = rows.first?["id"]
            #expect(rows.contains { $0["duplicate_of"] == firstID && $0["duplicate_of"] != .null })
            #expect(shards.allSatisfy { $0["path"]!.stringValue!.hasPrefix("source=okaz/date=2015-07-23/") })
            #expect(!FileManager.default.fileExists(atPath: out + "/_staging"))
        }
    }

    @Test func runsPublishVersionsAndPruneBeyondTheKeptOnes() throws {
        try withTemporaryFolder { dir in
            let samples = repositoryRoot.appendingPathComponent("samples/saudinewsnet").path
            let out = dir.path + "/out"
            var config = PipelineConfig()
            config.history.keepVersions = 2
            var manifests: [JSONValue] = []
            for _ in 0..<3 {
                _ = try run([samples], output: out, workers: 2, config: config)
                manifests.append(try manifest(out))
            }
            #expect(manifests.map { $0["version"] } == [.number("1"), .number("2"), .number("3")])
            let folder = DatasetFolder(out)
            #expect(folder.versions() == [2, 3])
            guard case .array(let s1)? = manifests[0]["shards"], case .array(let s2)? = manifests[1]["shards"],
                case .array(let s3)? = manifests[2]["shards"]
            else { Issue.record("no shards"); return }
            // New names, same bytes; version 1's files are gone with it, version 2's are kept out of the readers' way
            // (in _kept/) for rollback; the partition folders hold version 3's alone.
            for ((a, b), c) in zip(zip(s1, s2), s3) {
                #expect(a["path"] != b["path"] && a["sha256"] == b["sha256"] && b["sha256"] == c["sha256"])
                #expect(folder.location(of: a["path"]!.stringValue!) == nil)
                #expect(folder.location(of: b["path"]!.stringValue!) == folder.keptPath(b["path"]!.stringValue!))
                #expect(folder.location(of: c["path"]!.stringValue!) == out + "/" + c["path"]!.stringValue!)
                #expect(a["columns"]?["text"]?["nulls"] == .number("0"))
            }
            #expect(folder.liveShardFiles() == s3.map { $0["path"]!.stringValue! }.sorted())
            try DatasetTransaction(dataset: out, wait: false).rollback(to: 2)
            let rolled = try manifest(out)
            #expect(rolled["version"] == .number("4") && rolled["rolled_back_from"] == .number("2"))
            #expect(rolled["shards"] == manifests[1]["shards"])
            #expect(folder.liveShardFiles() == s2.map { $0["path"]!.stringValue! }.sorted())
            #expect(folder.keptShardFiles() == s3.map { $0["path"]!.stringValue! }.sorted())
        }
    }

    /// (id, title, content_hash, input_path, input_record) of every published row, sorted.
    private func publishedRows(_ out: String) throws -> [String] {
        guard case .array(let shards)? = try manifest(out)["shards"] else { return [] }
        var rows: [String] = []
        for s in shards {
            for r in try ParquetFileReader(path: out + "/" + s["path"]!.stringValue!).readAllRows(columns: [
                "id", "title", "content_hash", "input_path", "input_record",
            ]) {
                rows.append(
                    ["id", "title", "content_hash", "input_path", "input_record"].map { "\(r[$0]!)" }.joined(
                        separator: "|"))
            }
        }
        return rows.sorted()
    }

    @Test func incrementalRunsReadOnlyNewAndChangedInputs() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/okaz")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            func write(_ name: String, _ words: [String]) throws {
                let lines = words.map {
                    #"{"title": "عنوان \#($0)", "content": "نص الخبر \#($0)", "date": "2015-07-23"}"#
                }
                try (lines.joined(separator: "\n") + "\n").write(
                    to: input.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try write("a.jsonl", ["أ", "ب"])
            try write("b.jsonl", ["ت", "ث", "{bad"])
            let out = dir.path + "/out"
            let first = try run([dir.path + "/in"], output: out, workers: 2, fullRefresh: false)
            #expect(first.published && first.version == 1)
            let again = try run([dir.path + "/in"], output: out, workers: 2, fullRefresh: false)
            #expect(!again.published && again.unchangedInputs == 2)
            #expect(DatasetFolder(out).versions() == [1])
            try write("c.jsonl", ["ج"])
            let third = try run([dir.path + "/in"], output: out, workers: 2, fullRefresh: false)
            #expect(third.published && third.unchangedInputs == 2 && third.counts.recordsIn == 1)
            #expect(try manifest(out)["counts"]?["records_in"] == .number("6"))
            // A changed input: its old rows go, its new rows come, nothing is written twice.
            try write("b.jsonl", ["ت", "خ"])
            let fourth = try run([dir.path + "/in"], output: out, workers: 2, fullRefresh: false)
            #expect(fourth.published && fourth.counts.recordsIn == 2)
            let m = try manifest(out)
            #expect(m["counts"]?["records_in"] == .number("5") && m["counts"]?["rows_written"] == .number("5"))
            #expect(m["counts"]?["rejected"] == .object(JSONObject()))
            let rows = try publishedRows(out)
            #expect(rows.count == 5 && !rows.contains { $0.contains("ث") })
            // The same rows as a full refresh of the same inputs.
            _ = try run([dir.path + "/in"], output: dir.path + "/full", workers: 1, fullRefresh: true)
            #expect(rows == (try publishedRows(dir.path + "/full")))
            // Another pipeline file: nothing of the dataset is kept as it is; every input is read again.
            let fifth = try run(
                [dir.path + "/in"], output: out, workers: 2, fullRefresh: false, pipelineText: "name: other\n")
            #expect(fifth.published && fifth.unchangedInputs == 0 && fifth.counts.recordsIn == 5)
            #expect(fifth.refreshReason == "the pipeline file changed since version 3")
            #expect(try publishedRows(out) == rows)
            let sixth = try run(
                [dir.path + "/in"], output: out, workers: 2, fullRefresh: false, pipelineText: "name: other\n")
            #expect(!sixth.published && sixth.refreshReason == nil)
        }
    }

    @Test(arguments: [
        ("a/b", "a%2Fb"), ("..", "%2E%2E"), (".", "%2E"), ("x\u{0}y", "x%00y"), ("k=v", "k%3Dv"), ("عكاظ", "عكاظ"),
        ("", "unknown"), ("__HIVE_DEFAULT_PARTITION__", "%5F_HIVE_DEFAULT_PARTITION__"),
    ])
    func partitionValuesCannotLeaveTheDataset(value: String, escaped: String) {
        #expect(PartitionPath.escape(value) == escaped)
    }

    @Test func longPartitionValuesAreCutAndStayUnique() {
        let a = PartitionPath.escape(String(repeating: "ع", count: 10_000))
        let b = PartitionPath.escape(String(repeating: "ع", count: 9_999))
        #expect(a.utf8.count < 200 && a != b && !a.contains("/"))
    }
}
