import Foundation
import Testing
import WarraqTestSupport
@testable import Warraq

@Suite struct LanguageIdentificationTests {
    let identifier = LanguageIdentifier()

    @Test func bothModelsLoadWithTheirLanguages() throws {
        let arabic = try #require(LanguageIdentifier.arabic), latin = try #require(LanguageIdentifier.latin)
        #expect(arabic.classes.map(\.code) == ["ar", "fa", "ur", "ps", "sd", "ug", "ckb"])
        #expect(Set(latin.classes.map(\.label)) == ["en", "fr", "other"])
        #expect(LanguageIdentifier.arabicGates?.needOwn.nonzeroBitCount == 4)
    }

    @Test func theSeedsAreArabic() throws {
        for name in ["000_e92e0c86928e1aaa.txt", "003_c3cf551cb5915d9e.txt"] {
            let text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("samples/\(name)"), encoding: .utf8)
            let (language, score) = identifier.identify(text)
            #expect(language == "ar", "\(name)")
            #expect(score > 0.99, "\(name): \(score)")
        }
    }

    /// The hard cases of issue 14, each with its language.
    @Test(arguments: [
        // Short Persian and Urdu sentences.
        ("fa", "من امروز به دانشگاه رفتم."),
        ("fa", "این کتاب را خیلی دوست دارم."),
        ("fa", "هوا امروز خیلی سرد است."),
        ("ur", "میں کل بازار جاؤں گا۔"),
        ("ur", "آپ کا نام کیا ہے؟"),
        ("ur", "یہ کتاب بہت اچھی ہے۔"),
        // Arabic with many loanwords.
        ("ar", "استخدمت الشركة تكنولوجيا الإنترنت والكمبيوتر والفيسبوك في حملة التسويق الديجيتال الجديدة"),
        ("ar", "أعلن البنك المركزي عن برنامج جديد للتكنولوجيا المالية والبلوك تشين والفينتك"),
        // Arabic with an English quote.
        (
            "ar",
            "وقال الرئيس التنفيذي للشركة في بيان: \"We are committed to the region and to our partners\" مؤكدا أن"
                + " الاستثمارات ستستمر خلال العام المقبل."
        ),
        // A French Maghrebi paragraph.
        (
            "fr",
            "Le ministre de l'Intérieur a annoncé mardi à Alger que les élections communales se tiendront en "
                + "novembre, selon l'agence APS. Les walis de Tizi Ouzou et d'Oran ont reçu des instructions pour "
                + "préparer le scrutin."
        ),
        // Arabic written with Persian letters (ی ک).
        ("ar", "قال وزیر الخارجیة إن المملکة تدعم الحل السیاسی فی سوریا وتدعو إلی وقف إطلاق النار"),
        ("ar", "وأکد المتحدث باسم الحکومة أن الوزارة ستعلن عن الخطة الجدیدة خلال الأیام المقبلة"),
        // What the letters prove: Hebrew, and a Latin code word in another script's sentence.
        ("he", "הממשלה אישרה הבוקר את התקציב החדש"),
        ("other", "IPv4 или IPv6"),
        ("other", "Привет, как дела?"),
    ])
    func hardCase(expected: String, text: String) {
        let (language, score) = identifier.identify(text)
        #expect(language == expected, "\(text)")
        #expect(score > 0.3 && score <= 1, "\(text): \(score)")
    }

    /// Identification stops once it is sure: a long article is what its beginning is, at the same probability.
    @Test func aLongArticleIsItsBeginning() {
        let sentence = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير. "
        let short = identifier.identify(sentence + sentence)
        let long = identifier.identify(String(repeating: sentence, count: 200))
        #expect(short.language == "ar" && long.language == "ar")
        #expect(short.score == long.score)
    }

    /// The probability is lower when the evidence is thin, and never outside 0...1.
    @Test func theScoreIsAProbability() {
        let thin = identifier.identify("كتاب")
        let thick = identifier.identify("قال وزير الخارجية إن المملكة تدعم الحل السياسي في سوريا")
        #expect(thin.score < thick.score)
        for text in ["", "12345", "…", "a", "ک", "ٹ", "كتاب book", "x y z"] {
            let (_, score) = identifier.identify(text)
            #expect(score >= 0 && score <= 1, "\(text): \(score)")
        }
        #expect(identifier.identify("").language == "other")
    }

    /// A damaged model is an error, never a trap.
    @Test func damagedModelsAreErrors() throws {
        let bytes = [UInt8](
            try #require(Data(base64Encoded: LanguageModel.arabicData, options: .ignoreUnknownCharacters)))
        var rng = SeededGenerator(seed: 14)
        var refused = 0
        for cut in [0, 1, 15, 16, 17, 40, bytes.count / 2, bytes.count - 1] {
            if (try? LanguageModel(base64: Data(bytes[..<cut]).base64EncodedString())) == nil { refused += 1 }
        }
        #expect(refused == 8)
        for _ in 0..<30 {
            var damaged = bytes
            for _ in 0..<4 { damaged[Int.random(in: 0..<min(damaged.count, 4096), using: &rng)] ^= 0xFF }
            _ = try? LanguageModel(base64: Data(damaged).base64EncodedString())  // must return or throw
        }
    }
}

@Suite struct LanguageParagraphTests {
    @Test func persianUrduEnglishParagraphs() throws {
        let url = Bundle.module.url(forResource: "Fixtures/language-paragraphs", withExtension: "jsonl")!
        let identifier = LanguageIdentifier()
        var wrong: [String] = []
        var total = 0
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let item = try JSONParser.parse(String(line))
            let expected = item["language"]!.stringValue!, text = item["text"]!.stringValue!
            total += 1
            let (got, score) = identifier.identify(text)
            if got != expected { wrong.append("\(expected)→\(got): \(text.prefix(50))") }
            #expect(score > 0.3, "\(text.prefix(40)) scored \(score)")
        }
        #expect(total == 150)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func arabicParagraphsOfTheSamples() throws {
        var docs: [Document] = []
        try PipelineRunner.annotate(
            paths: [repositoryRoot.appendingPathComponent("samples").path], config: PipelineConfig()
        ) {
            if case .success(let d) = $0 { docs.append(d) }
        }
        let identifier = LanguageIdentifier()
        var paragraphs = 0
        for d in docs {
            #expect(d.language == "ar", "\(d.title ?? "")")
            for p in d.text.components(separatedBy: "\n\n") where p.split(separator: " ").count >= 8 {
                paragraphs += 1
                #expect(identifier.identify(p).language == "ar", "\(p.prefix(60))")
            }
        }
        #expect(paragraphs >= 50)
    }
}
