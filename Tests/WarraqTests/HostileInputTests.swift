import Foundation
import Testing
@testable import Warraq

/// Inputs that once crashed a run (issue: memory-safe at any input). Each must be cleaned, rejected with a reason,
/// or reported as an error: never a trap.
@Suite struct HostileInputTests {
    static func record(text: String, title: String = "عنوان") -> RawRecord {
        RawRecord(
            fields: JSONObject(members: [("id", .string("x")), ("title", .string(title)), ("text", .string(text))]),
            inputPath: "test.jsonl", inputRecord: 1, isPlainText: false, encoding: .utf8, defaultSource: "test")
    }

    /// The reproducer: presentation forms grew the cleaner's line past its buffer, and the plain runs copied
    /// after them were written with no check (a heap overflow on the whole SaudiNewsNet corpus).
    @Test func presentationFormsThatGrowTheLineAreCleaned() {
        let text =
            "نص " + Array(repeating: "\u{FDFA}", count: 50).joined(separator: " ")
            + String(repeating: " كلمة عربية أخرى", count: 30)
        let cleaned = TextCleaner(options: CleanOptions()).clean(text)
        #expect(cleaned.count == 1)
        #expect(cleaned.text.components(separatedBy: "صلى الله عليه وسلم").count == 51)
        #expect(cleaned.text.hasSuffix("كلمة عربية أخرى"))
        #expect(!cleaned.text.contains("  "))
        let doc = DocumentBuilder(config: PipelineConfig()).build(Self.record(text: text))
        #expect(doc.text == cleaned.text)
    }

    @Test func everyPresentationFormAtEveryPlaceInALine() {
        let cleaner = TextCleaner(options: CleanOptions())
        let forms =
            (0xFB50...0xFDFF).compactMap(Unicode.Scalar.init) + (0xFE70...0xFEFE).compactMap(Unicode.Scalar.init)
        var text = ""
        for (i, f) in forms.enumerated() { text.unicodeScalars.append(f); if i % 7 == 0 { text += "ab " } }
        let cleaned = cleaner.clean(text + "\n" + String(repeating: "\u{FDFA}\u{FDFB}\u{FDFD}", count: 2000))
        #expect(cleaned.count == 2)
        // Every ligature with a compatibility mapping becomes letters (﷽ U+FDFD has none and stays).
        #expect(!cleaned.text.unicodeScalars.contains { (0xFDF0...0xFDFB).contains($0.value) })
    }

    /// Finding 8: ordinary Urdu text met the same overflow (ﷺ and ligatures are common in it).
    @Test func urduTextWithLigatures() {
        let text =
            "حضرت محمد ﷺ نے فرمایا کہ علم حاصل کرنا ہر مسلمان پر فرض ہے۔ ﷽ "
            + String(repeating: "یہ ایک عام جملہ ہے۔ ", count: 40)
        let doc = DocumentBuilder(config: PipelineConfig()).build(Self.record(text: text))
        #expect(doc.text.contains("صلى الله عليه وسلم"))
    }

    /// Finding 1: `h * 3600` overflowed: `Int()` accepts negative and huge fields.
    @Test func datesWithAbsurdFieldsAreNotDates() {
        for s in [
            "1 Jan 1 -3000000000:0", "1 Jan 2015 9223372036854775807:0", "Thu, 23 Jul 2015 -1:-1:-1 +0300",
            "1 Jan 99999", "2015-07-23T99:99", "32/13/2015", "-9223372036854775808 Jan 2015",
            "23 Jul 2015 10:11:9223372036854775807", "٢٣ تموز ٩٩٩٩٩", "1 يوليو 2015 99 99 م",
        ] {
            #expect(DateParsing.parse(s) == nil, "\(s)")
        }
        #expect(DateParsing.parse("Thu, 23 Jul 2015 10:11:12 +0300") == 1_437_635_472_000_000)
    }

    /// Finding 3: `days * 86_400_000_000` overflowed for timestamps near Int64.min.
    @Test func everyTimestampFormats() {
        #expect(CivilTime.formatTimestamp(0) == "1970-01-01T00:00:00.000000Z")
        #expect(CivilTime.formatTimestamp(-1) == "1969-12-31T23:59:59.999999Z")
        // Python's datetime:
        #expect(CivilTime.formatTimestamp(100_000_000_000_000_000) == "5138-11-16T09:46:40.000000Z")
        // The ends of Int64, checked by counting days and leap years by hand (proleptic Gregorian).
        #expect(CivilTime.formatTimestamp(Int64.min) == "-290308-12-21T19:59:05.224192Z")
        #expect(CivilTime.formatTimestamp(Int64.max) == "294247-01-10T04:00:54.775807Z")
    }

    /// Finding 2: zip64 counts, sizes and offsets of 2^63 and more trapped on UInt64 → Int64 or on their sums.
    @Test(arguments: [
        (count: UInt64(1) << 63, size: UInt64(100), offset: UInt64(0)),
        (count: 1, size: UInt64.max, offset: 0),
        (count: 1, size: 100, offset: UInt64.max),
        (count: 1, size: 0x100, offset: UInt64(Int64.max) - 1),
    ])
    func zip64FieldsPastInt64AreCorrupt(count: UInt64, size: UInt64, offset: UInt64) throws {
        var zip: [UInt8] = []
        func le(_ v: UInt64, _ bytes: Int) {
            for i in 0..<bytes { zip.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
        }
        le(0x0606_4B50, 4); le(44, 8); le(45, 2); le(45, 2); le(0, 4); le(0, 4); le(count, 8); le(count, 8);
        le(size, 8); le(offset, 8)
        le(0x0706_4B50, 4); le(0, 4); le(0, 8); le(1, 4)
        le(0x0605_4B50, 4); le(0, 2); le(0, 2); le(0xFFFF, 2); le(0xFFFF, 2); le(0xFFFF_FFFF, 4); le(0xFFFF_FFFF, 4);
        le(0, 2)
        try expectRejected(zip, reason: "corrupt_zip")
    }

    @Test func aZip64EntryOffsetPastTheFileIsCorrupt() throws {
        var zip: [UInt8] = []
        func le(_ v: UInt64, _ bytes: Int) {
            for i in 0..<bytes { zip.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
        }
        // One central-directory entry whose zip64 extra field gives sizes and a local header offset near 2^63.
        le(0x0201_4B50, 4); le(45, 2); le(45, 2); le(0, 2); le(8, 2); le(0, 4); le(0, 4)
        le(0xFFFF_FFFF, 4); le(0xFFFF_FFFF, 4); le(7, 2); le(28, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4);
        le(0xFFFF_FFFF, 4)
        zip += Array("a.jsonl".utf8)
        le(0x0001, 2); le(24, 2); le(UInt64(Int64.max), 8); le(UInt64(Int64.max), 8); le(UInt64(Int64.max) - 10, 8)
        let cdSize = UInt64(zip.count)
        le(0x0605_4B50, 4); le(0, 2); le(0, 2); le(1, 2); le(1, 2); le(cdSize, 4); le(0, 4); le(0, 2)
        try expectRejected(zip, reason: "corrupt_zip")
    }

    private func expectRejected(_ bytes: [UInt8], reason: String) throws {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("hostile.zip").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let items = try ingest(path)
            #expect(items.compactMap(\.record).isEmpty)
            #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == [reason])
        }
    }
}

/// `ingest.max_record_bytes`: a record over it is rejected as `record_too_large` without being held whole, and the
/// records around it are read.
@Suite struct RecordSizeLimitTests {
    func items(_ name: String, _ content: String, limit: Int = 1000) throws -> [IngestItem] {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent(name).path
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            var items: [IngestItem] = []
            try InputReader.read(
                InputReader.InputFile(path: path, bytes: Int64(content.utf8.count)), maxRecordBytes: limit
            ) {
                items.append($0)
            }
            return items
        }
    }

    let big = String(repeating: "ن", count: 3000)

    @Test func jsonLines() throws {
        let items = try items("a.jsonl", "{\"text\": \"a\"}\n{\"text\": \"\(big)\"}\n{\"text\": \"c\"}\n")
        #expect(items.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"])
        #expect(items.compactMap(\.rejection).map(\.inputRecord) == [2])
    }

    @Test func jsonArrayElementsAreSkippedAndReadingGoesOn() throws {
        let items = try items(
            "a.json", "[{\"text\": \"a\"}, {\"text\": \"\(big)\", \"x\": [1, {\"y\": \"]}\"}]}, {\"text\": \"c\"}]")
        #expect(items.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"])
        #expect(items.compactMap(\.rejection).first?.inputRecord == 2)
    }

    @Test func aTextFile() throws {
        let items = try items("a.txt", big)
        #expect(items.compactMap(\.record).isEmpty)
        #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"])
    }

    @Test func theDefaultIs16MiB() {
        #expect(IngestOptions().maxRecordBytes == 16 << 20)
    }
}

/// A pipeline file is input too: unknown keys and wrong types are errors that name the option.
@Suite struct PipelineFileErrorTests {
    private func error(_ yaml: String) throws -> String? {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("p.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try PipelineConfig.load(path: path); return nil } catch let e as PipelineConfigError {
                return e.description.replacingOccurrences(of: path + ": ", with: "")
            }
        }
    }

    @Test func anUnknownKeyNamesTheNearestKnownOne() throws {
        let message = try #require(try error("filters:\n  min_words: 10\n"))
        #expect(message.hasPrefix("unknown key filters at the top level; did you mean filter?"))
        let nested = try #require(try error("filter:\n  min_word: 10\n"))
        #expect(nested.hasPrefix("unknown key min_word in filter; did you mean min_words?"))
        let deep = try #require(try error("clean:\n  boilerplate:\n    enable: false\n"))
        #expect(deep.hasPrefix("unknown key enable in clean.boilerplate; did you mean enabled?"))
        #expect(try error("ingest:\n  max_record_bytez: 5\n")?.contains("did you mean max_record_bytes?") == true)
    }

    @Test func aWrongTypeSaysWhatItMustBe() throws {
        #expect(try error("filter:\n  min_words: ten\n") == "filter.min_words must be a whole number, got \"ten\"")
        #expect(try error("clean:\n  html: maybe\n") == "clean.html must be true or false, got \"maybe\"")
        #expect(
            try error("filter:\n  min_arabic_share: lots\n") == "filter.min_arabic_share must be a number, got \"lots\""
        )
        #expect(
            try error("partition_by: [sorce]\n")
                == "partition_by must be a list of source, date, year, language, got [sorce]")
        #expect(try error("writer: 5\n") == "writer must be a mapping of options, got \"5\"")
    }

    /// The yaml harness's finding (`Fuzz/corpus/yaml/findings/base60-integer-overflow`): Yams read a plain scalar with
    /// colons as a YAML 1.1 base-60 integer and trapped on its overflow. Pipeline files follow YAML 1.2: it is a
    /// string, so an integer option that holds one says so, and a string option keeps it.
    @Test func aBase60NumberIsAStringNotACrash() throws {
        #expect(
            try error("writer:\n  level: 5222222222222222:22222:-222222222\n")
                == "writer.level must be a whole number, got \"5222222222222222:22222:-222222222\"")
        #expect(try error("batch_size: 1:30\n") == "batch_size must be a whole number, got \"1:30\"")
        #expect(
            try error("writer:\n  level: 99999999999\n") == "writer.level must be a whole number, got \"99999999999\"")
        let config = try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("p.yaml").path
            try "clean:\n  boilerplate:\n    prefixes: [12:30, عاجل]\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            return try PipelineConfig.load(path: path).config
        }
        #expect(config.clean.boilerplate.prefixes == ["12:30", "عاجل"])
    }

    /// The yaml harness's finding: an empty pipeline file (read by Foundation, which leaked a buffer on it) gives the
    /// defaults; it is read by `FileOps.contents` now.
    @Test func anEmptyPipelineFileGivesTheDefaults() throws {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("empty.yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let (config, text) = try PipelineConfig.load(path: path)
            #expect(text.isEmpty && config.filter == FilterOptions() && config.ingest == IngestOptions())
        }
    }

    @Test func theShippedPipelineFileLoads() throws {
        let (config, _) = try PipelineConfig.load(
            path: repositoryRoot.appendingPathComponent("pipelines/arabic-news.yaml").path)
        #expect(config.name == "arabic-news")
    }
}

@Suite struct LoneSurrogateTests {
    /// A lone surrogate (UTF-16 cut by a scraper) becomes U+FFFD; the record is kept, pairs still decode.
    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        let json = #"{"t": "\ud800x\udc00\ud83d\ude00\ud800\u0041\udbff"}"#
        let value = try Array(json.utf8).withUnsafeBytes { try JSONParser.parse($0) }
        #expect(value["t"] == .string("\u{FFFD}x\u{FFFD}😀\u{FFFD}A\u{FFFD}"))
    }
}

extension RecordSizeLimitTests {
    @Test func csvRowsAreSkippedAndReadingGoesOn() throws {
        let big = String(repeating: "ن", count: 3000)
        let items = try items("a.csv", "title,content\nأ,\"a\"\nب,\"\(big)\nstill \"\"quoted\"\", inside\"\nت,c\n")
        #expect(items.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"])
        #expect(items.compactMap(\.rejection).first?.inputRecord == 2)
    }
}

extension RecordSizeLimitTests {
    /// Records larger than the reader's 1 MiB buffer: skipped while they stream past, never held whole.
    @Test func recordsLongerThanTheBufferAreSkippedAsTheyStream() throws {
        let huge = String(repeating: "نص ", count: 400_000)  // 2 MB
        let csv = try items("a.csv", "title,content\nأ,a\nب,\"\(huge)\n\"\"x\"\"\"\nت,c\n")
        #expect(csv.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(csv.compactMap(\.rejection).map(\.inputRecord) == [2])
        let json = try items("a.json", "[{\"text\": \"a\"}, {\"text\": \"\(huge)\", \"x\": \"]}\"}, {\"text\": \"c\"}]")
        #expect(json.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(json.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"])
        let lines = try items("a.jsonl", "{\"text\": \"a\"}\n{\"text\": \"\(huge)\"}\n{\"text\": \"c\"}\n")
        #expect(lines.compactMap(\.record).map(\.inputRecord) == [1, 3])
        #expect(lines.compactMap(\.rejection).map(\.inputRecord) == [2])
    }
}

extension RecordSizeLimitTests {
    /// Records of exactly the limit are read, one byte more is rejected, whatever the buffer's size and wherever the
    /// record starts in it (the JSON array's elements follow `[` and `, `).
    @Test(arguments: ["json", "jsonl", "csv"])
    func theLimitIsExactAcrossBufferRefills(format: String) throws {
        let limit = 100
        func element(_ bytes: Int) -> String {  // {"text":"aaa…"} of exactly `bytes` bytes
            "{\"text\":\"" + String(repeating: "a", count: bytes - 11) + "\"}"
        }
        let content: String
        switch format {
        case "json":
            content =
                "[" + [element(20), element(limit), element(limit + 1), element(20)].joined(separator: ", ") + "]"
        case "jsonl":
            content = [element(20), element(limit), element(limit + 1), element(20)].joined(separator: "\n") + "\n"
        default:
            func row(_ bytes: Int) -> String { String(repeating: "b", count: bytes) }  // one field, no newline
            content = "text\n" + [row(20), row(limit), row(limit + 1), row(20)].joined(separator: "\n") + "\n"
        }
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("in").path
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            var items: [IngestItem] = []
            let readers = RecordReaders(
                inputPath: path, defaultSource: "x", emit: { items.append($0) }, maxRecordBytes: limit)
            let reader = BufferedReader(try FileByteSource(path: path), bufferSize: 16, maxLineLength: limit)
            try readers.read(reader, format: format == "json" ? .json : format == "jsonl" ? .jsonl : .csv)
            #expect(items.compactMap(\.record).map(\.inputRecord) == [1, 2, 4], "\(format)")
            #expect(items.compactMap(\.rejection).map(\.reason.rawValue) == ["record_too_large"], "\(format)")
            #expect(items.compactMap(\.rejection).map(\.inputRecord) == [3], "\(format)")
        }
    }
}
