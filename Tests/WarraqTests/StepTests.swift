import Foundation
import Parquet
import Testing

@testable import Warraq

/// The steps as values: the registry, the pipeline file's switches, and the `url_domain` annotator added by the
/// README's recipe.
@Suite struct StepTests {
    private func load(_ yaml: String) throws -> PipelineConfig {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("p.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return try PipelineConfig.load(path: path).config
        }
    }

    private func record(_ fields: [(String, String)]) -> RawRecord {
        RawRecord(
            fields: JSONObject(members: fields.map { ($0.0, JSONValue.string($0.1)) }), inputPath: "t", inputRecord: 1,
            defaultSource: "t")
    }

    private let article =
        "قال المتحدث باسم الحكومة إن الاجتماع الذي عقد في الرياض اليوم بحث التعاون بين البلدين في مجالات كثيرة"

    @Test func theSchemaIsTheRecordThenTheRegistryThenTheProvenance() {
        let names = DocumentBuilder(config: PipelineConfig()).columns.map(\.spec.name)
        #expect(
            names == [
                "id", "source", "url", "title", "kicker", "author", "published_at", "text", "text_normalized",
                "language", "language_score", "char_count", "word_count", "sentence_count", "paragraph_count",
                "content_hash", "duplicate_of", "near_duplicate_of", "near_duplicate_similarity", "dates_mentioned",
                "entities", "people", "places", "organizations",
                "keywords", "url_domain", "input_path", "input_record",
            ])
        #expect(AnnotatorRegistry.names == ["language", "dates", "entities", "keywords", "url_domain"])
    }

    /// Record keys match the mapping's without regard to case (ASCII and not); the first listed key with a value
    /// that is not empty wins.
    @Test func fieldKeysMatchWithoutRegardToCase() throws {
        let config = try load("fields:\n  title: [Ünvan, Headline]\n  source: [SITE]\n")
        let builder = DocumentBuilder(config: config)
        let doc = builder.build(
            record([
                ("CONTENT", article), ("ünvan", "  "), ("HEADLINE", "العنوان"), ("Site", "عكاظ"),
                ("Published_AT", "2015-07-23"),
            ]))
        #expect(doc.text == article && doc.title == "العنوان" && doc.source == "عكاظ")
        #expect(doc.publishedAt != nil)
        let second = builder.build(record([("content", article), ("ÜNVAN", "الأول"), ("headline", "الثاني")]))
        #expect(second.title == "الأول")
    }

    @Test func aTurnedOffAnnotatorLeavesNoColumnAndNoValue() throws {
        let config = try load("annotate:\n  keywords: false\n  entities: false\n")
        let builder = DocumentBuilder(config: config)
        let names = Set(builder.columns.map(\.spec.name))
        #expect(!names.contains("keywords") && !names.contains("people") && names.contains("language"))
        let doc = builder.build(record([("content", article + " عن الملك سلمان")]))
        #expect(doc.keywords.isEmpty && doc.entities.isEmpty && doc.language == "ar")
    }

    @Test func theSwitchesAreCheckedAgainstEachOther() throws {
        #expect(throws: PipelineConfigError.self) { try load("annotate:\n  keyword: false\n") }
        #expect(throws: PipelineConfigError.self) {
            try load("partition_by: [language]\nannotate:\n  language: false\n")
        }
        #expect(throws: PipelineConfigError.self) { try load("writer:\n  codec: brotli\n") }
        #expect(try load("writer:\n  codec: none\n").writer.codec == .uncompressed)
    }

    @Test func theFilterStepCanBeTurnedOff() throws {
        let off = DocumentBuilder(config: try load("filter:\n  enabled: false\n"))
        #expect(off.build(record([("content", "")])).dropReason == nil)
        let on = DocumentBuilder(config: PipelineConfig())
        #expect(on.build(record([("content", "")])).dropReason == .emptyText)
    }

    @Test func rulesRunInOrderAndTheFirstFailureIsTheReason() {
        var options = FilterOptions()
        options.minWords = 1000
        options.minArabicShare = 0.99
        #expect(FilterStep.rules(options).map(\.reason) == [.emptyText, .tooFewWords, .tooManyWords, .notArabic])
        let doc = DocumentBuilder(
            config: {
                var c = PipelineConfig(); c.filter = options; return c
            }()
        )
        .build(record([("content", "short English text")]))
        #expect(doc.dropReason == .tooFewWords)
    }

    @Test func exactDedupCanBeTurnedOff() throws {
        var doc = DocumentBuilder(config: PipelineConfig()).build(record([("content", article)]))
        var copy = doc
        copy.id = "other"
        var on = DedupStep(options: DedupOptions())
        #expect(try on.mark(&doc) == nil)
        #expect(try on.mark(&copy) == nil)
        #expect(doc.duplicateOf == nil && copy.duplicateOf == doc.id)
        var off = DedupStep(
            options: {
                var o = DedupOptions(); o.exact = false; return o
            }())
        copy.duplicateOf = nil
        _ = try off.mark(&doc)
        _ = try off.mark(&copy)
        #expect(copy.duplicateOf == nil)
    }

    /// The exact-duplicate index keys a content hash by its first 16 bytes: texts are told apart by their whole
    /// hash's prefix, a kept row's hash that is not hex (another tool's shard) still finds its copy, and the first
    /// id with a hash is the one remembered.
    @Test func exactDuplicatesByContentKey() throws {
        let a = String(repeating: "0", count: 63) + "1", b = String(repeating: "0", count: 63) + "2"
        let c = String(repeating: "0", count: 31) + "1" + String(repeating: "0", count: 32)
        #expect(ContentKey(a) == ContentKey(b))  // the same first 32 digits
        #expect(ContentKey(a) != ContentKey(c))
        #expect(ContentKey("not hex") == ContentKey("not hex") && ContentKey("not hex") != ContentKey("not hex!"))
        let h = SHA256.hex(of: "x")
        #expect(ContentKey(h.uppercased()) != ContentKey(h))  // not our form: keyed by its SHA-256, not parsed
        var step = DedupStep(options: DedupOptions())
        step.remember(hash: "written by another tool", id: "kept-1")
        step.remember(hash: "written by another tool", id: "kept-2")
        var doc = Document(id: "new", source: "s", text: "t", inputPath: "p", inputRecord: 1)
        doc.contentHash = "written by another tool"
        #expect(try step.mark(&doc) == nil)
        #expect(doc.duplicateOf == "kept-1")
        var ids: [String] = []
        for i in 0..<1000 {
            var d = Document(
                id: "row-\(i)-" + String(repeating: "و", count: i % 40), source: "s", text: "t",
                inputPath: "p", inputRecord: i)
            d.contentHash = SHA256.hex(of: "text \(i % 500)")
            _ = try step.mark(&d)
            if i < 500 {
                #expect(d.duplicateOf == nil); ids.append(d.id)
            } else {
                #expect(d.duplicateOf == ids[i - 500])
            }
        }
    }

    @Test(arguments: [
        ("https://WWW.Okaz.com.sa/news/1", "okaz.com.sa"),
        ("http://aawsat.com/home/article/412751/سمير", "aawsat.com"),
        ("http://user:pw@news.example.org:8080/a?b#c", "news.example.org"),
        ("//cdn.example.com/x", "cdn.example.com"),
        ("sabq.org/abc", "sabq.org"),
        ("http://[2001:db8::1]:80/x", "2001:db8::1"),
        ("http://example.com./", "example.com"),
    ])
    func urlDomain(url: String, domain: String) {
        #expect(URLDomainAnnotator.domain(url) == domain)
    }

    @Test(arguments: ["/relative/path", "not a url", "://nohost", "ht tp://x.com", "http://", "mailto"])
    func noUrlDomain(url: String) {
        #expect(URLDomainAnnotator.domain(url) == nil)
    }

    @Test func urlDomainReachesTheDocumentAndItsJSON() {
        let builder = DocumentBuilder(config: PipelineConfig())
        let doc = builder.build(record([("content", article), ("url", "https://www.spa.gov.sa/123")]))
        #expect(doc.urlDomain == "spa.gov.sa")
        let json = OutputSchema.json(doc, columns: builder.columns)
        #expect(json["url_domain"] == .string("spa.gov.sa"))
        #expect(builder.build(record([("content", article)])).urlDomain == nil)
    }
}
