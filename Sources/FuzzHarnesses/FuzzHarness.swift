import Foundation
import Parquet
import Warraq

/// The fuzz harnesses: each feeds arbitrary bytes to one parser of untrusted input, the way a run would meet them.
/// A harness returns normally for every input; a trap, a sanitizer report or an unbounded allocation is a finding.
///
/// `warraq-fuzz` runs them under libFuzzer (`make fuzz`), and the test suite replays every file of the committed
/// seed corpus (`Fuzz/corpus/<harness>/`) through them, so a finding, once in the corpus, stays fixed.
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// Clean and annotate (`DocumentBuilder`) with arbitrary text, title and fields.
    case record
    /// The JSON parser, and a round trip through the writer.
    case json
    /// Every ingest format from raw bytes: the first byte picks JSON lines, JSON array, CSV, TSV, text, gzip, zip
    /// or UTF-16.
    case ingest
    /// The Parquet reader: footer, schema, pages, every value.
    case parquet
    /// `published_at` parsing and date mentions.
    case dates
    /// The pipeline YAML loader.
    case yaml
    /// A near-duplicate index segment (`_near/*.idx`): footer, rows, shingles.
    case nearindex

    /// Runs the harness on one input.
    public func run(_ data: [UInt8]) {
        switch self {
        case .record: Self.record(data)
        case .json: Self.json(data)
        case .ingest: Self.ingest(data)
        case .parquet: Self.parquet(data)
        case .dates: Self.dates(data)
        case .yaml: Self.yaml(data)
        case .nearindex: _ = DatasetVerifier.nearIndexProblem(path: Self.scratchFile("segment.idx", data))
        }
    }

    // MARK: the harnesses

    /// Builders for a few configurations: the default, markup left in, and other normalization steps.
    private static let builders: [DocumentBuilder] = {
        var plain = PipelineConfig()
        plain.clean.html = false
        plain.clean.placeholders = false
        plain.clean.presentationForms = false
        var camel = PipelineConfig()
        camel.clean.normalize = [.unicode, .arclean, .alef, .diacritics]
        return [
            DocumentBuilder(config: PipelineConfig()), DocumentBuilder(config: plain), DocumentBuilder(config: camel),
        ]
    }()

    /// Byte 0 picks the builder and whether the record is plain text; the rest, split at NUL bytes, gives
    /// text, title, kicker, published date, source, url and author.
    private static func record(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let parts = data.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        let keys = ["text", "title", "kicker", "published_at", "source", "url", "author"]
        var fields = JSONObject()
        for (key, value) in zip(keys, parts) { fields.members.append((key, .string(value))) }
        if parts.count > keys.count { fields.members.append(("date", .number(parts[keys.count]))) }
        let record = RawRecord(
            fields: fields, inputPath: "fuzz.jsonl", inputRecord: 1, isPlainText: first & 0x80 != 0,
            defaultSource: "fuzz")
        _ = builders[Int(first & 0x7F) % builders.count].build(record)
    }

    private static func json(_ data: [UInt8]) {
        let parsed = data.withUnsafeBytes { try? JSONParser.parse($0) }
        guard let parsed else { return }
        // What the writer writes, the parser reads back as the same value.
        let written = JSONWriter.serialize(parsed)
        let again = Array(written.utf8).withUnsafeBytes { try? JSONParser.parse($0) }
        precondition(again == parsed, "JSON round trip changed the value: \(written)")
    }

    private static let formats = ["jsonl", "json", "csv", "tsv", "txt", "jsonl.gz", "zip", "txt"]

    private static func ingest(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let choice = Int(first) % formats.count
        var bytes = Array(data.dropFirst())
        if choice == formats.count - 1 { bytes = [0xFF, 0xFE] + bytes }  // UTF-16 little-endian, by its BOM
        let path = scratchFile("input." + formats[choice], bytes)
        let builder = builders[0]
        _ = try? InputReader.read(InputReader.InputFile(path: path, bytes: Int64(bytes.count)), maxRecordBytes: 1 << 20)
        { item in
            if case .record(let r) = item { _ = builder.build(r) }
        }
    }

    private static func parquet(_ data: [UInt8]) {
        let path = scratchFile("input.parquet", data)
        guard let reader = try? ParquetFileReader(path: path) else { return }
        for g in reader.metadata.rowGroups.indices {
            guard let rows = try? reader.readRows(rowGroup: g) else { continue }
            for row in rows { _ = describe(row) }
            if let first = reader.columnNames.first { _ = try? reader.readRows(rowGroup: g, columns: [first]) }
            // The chunks as a sharded run's commit copies them (offsets and sizes from the footer).
            for c in reader.metadata.rowGroups[g].columns.indices {
                _ = try? reader.rawColumnChunk(rowGroup: g, column: c)
            }
        }
    }

    /// Every value as text, the way `cat` and ingest turn them into JSON.
    private static func describe(_ v: ParquetValue) -> Int {
        switch v {
        case .timestamp(let t): return CivilTime.formatTimestamp(t).utf8.count
        case .date(let d): return CivilTime.formatDate(d).utf8.count
        case .list(let items): return items.reduce(0) { $0 + describe($1) }
        case .record(let fields): return fields.reduce(0) { $0 + describe($1.value) }
        default: return 1
        }
    }

    private static let extractor = DateExtractor()

    /// The input as a `published_at` string (and as an epoch number), then as article text with a publication date.
    private static func dates(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let published = DateParsing.parse(text)
        _ = DateParsing.parse(.number(text))
        _ = extractor.dates(in: text, published: published ?? 1_437_609_600_000_000)
        _ = extractor.dates(in: text, published: nil)
    }

    private static func yaml(_ data: [UInt8]) {
        _ = try? PipelineConfig.load(path: scratchFile("pipeline.yaml", data))
    }

    /// Writes `bytes` to a file of this process's own (the readers take paths), replaced on every call.
    private static func scratchFile(_ name: String, _ bytes: [UInt8]) -> String {
        let path = NSTemporaryDirectory() + "/warraq-fuzz-\(getpid())-" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
