import Foundation
import WarraqTestSupport
import Testing
@testable import Warraq

@Suite struct BoilerplateTests {
    let remover = BoilerplateRemover(options: BoilerplateOptions())

    @Test func shortEdgeLinesGoRealSentencesStay() {
        let paragraphs = [
            "اقرأ أيضاً: الكرملين يرد على واشنطن",
            "قال المتحدث باسم الحكومة إن الاجتماع ناقش عددا من الملفات المهمة.",
            "اقرأ أيضا هذا التقرير المفصل في منتصف الخبر",
            "المصدر الرئيسي للطاقة في المملكة هو النفط، بحسب ما أعلنته الوزارة اليوم في بيان مطول عن خطط التنويع.",
            "المصدر: واس",
            "تابعونا على تويتر @news",
            "https://example.com/article/123 info@example.com",
            "سمات: روسيا، أمريكا، الكرملين",
        ]
        let (kept, removed) = remover.strip(paragraphs)
        #expect(removed == 5)
        #expect(kept == Array(paragraphs[1...3]))
    }
}

@Suite struct MojibakeTests {
    @Test func repairsBothKindsFromTheNotes() {
        #expect(MojibakeRepair.repair("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©")?.0 == "العربية")
        #expect(MojibakeRepair.repair("ط§ظ„ط¹ط±ط¨ظٹط©")?.1 == .cp1256)
        #expect(MojibakeRepair.repair("ط§ظ„ط¹ط±ط¨ظٹط©")?.0 == "العربية")
    }

    @Test func leavesRealTextAlone() {
        #expect(MojibakeRepair.repair("قال المتحدث إن الظروف غير مناسبة لتطبيع العلاقات") == nil)
        #expect(MojibakeRepair.repair("Café Zürich à Genève, naïve façade") == nil)
        #expect(MojibakeRepair.repair("ضبط الظواهر الطبيعية والطقس") == nil)
    }

    @Test func countedInTheRun() throws {
        try withTemporaryFolder { dir in
            let input = dir.appendingPathComponent("in/x")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            let good = "نص الخبر العربي الطويل الذي يحتوي على كلمات كثيرة ومفيدة للقارئ في كل مكان من العالم"
            let bytes = Array(good.utf8)
            let mojibake = String(
                String.UnicodeScalarView(
                    bytes.map { b in
                        b < 0x80 ? Unicode.Scalar(b) : Unicode.Scalar(TextDecoding.windows1256High[Int(b) - 0x80])!
                    }))
            let line = JSONWriter.serialize(
                .object(JSONObject(members: [("content", .string(mojibake)), ("title", .string("عنوان"))])))
            try (line + "\n").write(to: input.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            var docs: [Document] = []
            try PipelineRunner.annotate(paths: [dir.path + "/in"], config: PipelineConfig()) {
                if case .success(let d) = $0 { docs.append(d) }
            }
            #expect(docs.first?.text == good && docs.first?.repaired == "mojibake_cp1256")
        }
    }
}

@Suite struct QualityRuleTests {
    func drop(_ text: String, _ configure: (inout FilterOptions) -> Void) -> String? {
        var options = FilterOptions()
        configure(&options)
        var config = PipelineConfig()
        config.filter = options
        let builder = DocumentBuilder(config: config)
        let record = RawRecord(
            fields: JSONObject(members: [("content", .string(text))]), inputPath: "t", inputRecord: 1,
            isPlainText: false, encoding: .utf8, defaultSource: "t")
        return builder.build(record).dropReason?.rawValue
    }

    @Test func eachRuleHasItsReason() {
        let news = "قال المتحدث باسم الحكومة إن الاجتماع ناقش عددا من الملفات المهمة في المنطقة."
        #expect(drop(news) { $0.minWords = 10 } == nil)
        #expect(drop("وزير الحج") { $0.minWords = 10 } == "too_few_words")
        #expect(
            drop("The minister said the meeting discussed many important files in the region today.") {
                $0.minArabicShare = 0.5
            } == "not_arabic")
        let repeated = Array(repeating: "سطر مكرر في المقال نفسه", count: 4).joined(separator: "\n") + "\n" + news
        #expect(drop(repeated) { $0.maxRepeatedLineShare = 0.3 } == "repeated_lines")
        #expect(
            drop("* *\n" + news + "\n* *\n" + news.replacingOccurrences(of: "قال", with: "أكد") + "\n* *") {
                $0.maxRepeatedLineShare = 0.3
            } == nil)
        #expect(drop("محمد أحمد عمر حسن خالد سعد فهد ناصر") { $0.minStopwords = 1 } == "too_few_stopwords")
        #expect(drop("ا ب ت ث ج ح خ د ذ ر ز") { $0.minMeanWordLength = 2 } == "odd_word_length")
        #expect(drop("") { _ in } == "empty_text")
    }
}

/// The cleaner's paragraph split (which copies plain bytes eight at a time) against a plain reference: one scalar
/// at a time by `CharacterClass`, a space only between two kept characters of a line.
@Suite struct ParagraphSplitTests {
    private func reference(_ text: String) -> String {
        var lines: [String] = [], line = "", pendingSpace = false
        func endLine() {
            if !line.isEmpty { lines.append(line) }
            line = ""; pendingSpace = false
        }
        for c in text.unicodeScalars {
            switch CharacterClass.of(c) {
            case .newline: endLine()
            case .space: if !line.isEmpty { pendingSpace = true }
            case .removed: break
            case .keep, .presentationForm:
                if pendingSpace { line.unicodeScalars.append(" ") }
                pendingSpace = false
                line.unicodeScalars.append(c)
            }
        }
        endLine()
        return lines.joined(separator: "\n\n")
    }

    @Test func splitMatchesTheScalarReferenceOnRandomText() {
        var options = CleanOptions()
        options.html = false
        options.placeholders = false
        options.presentationForms = false
        let cleaner = TextCleaner(options: options)
        // Pieces that sit at every edge of the eight-byte test: spaces, U+061C (D8 9C) after a space and at the ends,
        // Arabic letters, markup bytes, other two- and three-byte characters, controls and line breaks.
        let plain = ["ب", "ا", "ل", " ", "a", "Z", "1", "]", ".", "؟", "السلام", "كتاب", "news"]
        let other = [
            "\u{061C}", "  ", "\n", "\r\n", "<", "&", "[", "«", "»", "\u{00A0}", "\u{200F}", "–", "\u{7F}", "\u{01}",
            "\t", "ڭ", "۔", "😀", "ﻟ",
        ]
        let pieces = plain + plain + plain + other
        var rng = SeededGenerator(seed: 61)
        for _ in 0..<10_000 {
            let n = Int.random(in: 0...60, using: &rng)
            let text = (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(cleaner.clean(text).text == reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}
