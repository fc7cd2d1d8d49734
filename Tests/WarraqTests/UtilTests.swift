import Parquet
import Testing
@testable import Warraq

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: input) == digest)
    }

    @Test func streamingEqualsOneShot() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var h = SHA256()
        for chunk in stride(from: 0, to: data.count, by: 37) { h.update(data[chunk..<min(chunk + 37, data.count)]) }
        #expect(h.finalizeHex() == SHA256.hex(of: data))
        #expect(
            SHA256.hex(of: String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The CPU's SHA instructions (where it has them) and the portable code agree on every length
    /// around block and padding boundaries, fed whole or in pieces.
    @Test func hardwareEqualsPortable() {
        var rng = SeededGenerator(seed: 7)
        for length in Array(0...200) + [1000, 4095, 4096, 65_537] {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var portable = SHA256(portable: true), fast = SHA256()
            portable.update(data)
            var i = 0
            while i < data.count {
                let n = Int.random(in: 1...130, using: &rng)
                fast.update(data[i..<min(i + n, data.count)])
                i += n
            }
            #expect(portable.finalizeHex() == fast.finalizeHex(), "length \(length)")
        }
    }
}

@Suite struct DateParsingTests {
    @Test(arguments: [
        ("2015-07-23 10:11:12", "2015-07-23T10:11:12.000000Z"),
        ("2015-07-23T10:11:12Z", "2015-07-23T10:11:12.000000Z"),
        ("2015-07-23T13:11:12+03:00", "2015-07-23T10:11:12.000000Z"),
        ("2015-07-23T10:11:12.5+0000", "2015-07-23T10:11:12.500000Z"),
        ("2015-07-23", "2015-07-23T00:00:00.000000Z"),
        ("2015/07/23", "2015-07-23T00:00:00.000000Z"),
        ("23/07/2015", "2015-07-23T00:00:00.000000Z"),
        ("Thu, 23 Jul 2015 13:11:12 +0300", "2015-07-23T10:11:12.000000Z"),
        ("July 23, 2015", "2015-07-23T00:00:00.000000Z"),
        ("23 يوليو 2015", "2015-07-23T00:00:00.000000Z"),
        ("الخميس ٢٣ تموز ٢٠١٥م - 10:30 م", "2015-07-23T22:30:00.000000Z"),
        ("الخميس 23 جويلية 2015 12:05 ص", "2015-07-23T00:05:00.000000Z"),
        ("1437646272", "2015-07-23T10:11:12.000000Z"),
        ("1437646272000", "2015-07-23T10:11:12.000000Z"),
    ])
    func parses(input: String, expected: String) {
        #expect(DateParsing.parse(input).map(CivilTime.formatTimestamp) == expected)
    }

    @Test(arguments: ["", "yesterday", "2015-13-01", "2015-02-30", "32/01/2015", "12"])
    func rejects(input: String) {
        #expect(DateParsing.parse(input) == nil)
    }
}

@Suite struct CleanerTests {
    let cleaner = TextCleaner(options: CleanOptions())

    @Test func placeholdersHTMLAndEntitiesGo() {
        let p = cleaner.paragraphs(
            "<p>أول&nbsp;فقرة [ad_1]</p><div>ثانية &amp; [source_link] [rule_12]</div><script>x()</script>[not_a_tag]")
        #expect(p == ["أول فقرة", "ثانية &", "[not_a_tag]"])
    }

    @Test func controlsAndPresentationFormsAndSpaces() {
        // Zero-width space, RLM, BOM, tatweel kept in text; presentation forms of لا and ﻡ mapped.
        let p = cleaner.paragraphs("  \u{FEFB}\u{200B}\u{FEE1}\u{200F}   كلمة\t\u{00A0}أخرى \r\n\r\n\n  ثالث\u{FEFF}  ")
        #expect(p == ["لام كلمة أخرى", "ثالث"])
    }

    @Test func realSentencesWithBracketsAndLessThanSurvive() {
        let p = cleaner.paragraphs("ارتفع المؤشر 3 < 5 نقاط [تحديث] & تراجع")
        #expect(p == ["ارتفع المؤشر 3 < 5 نقاط [تحديث] & تراجع"])
    }

    @Test func normalizationForSearch() {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        #expect(n.normalize("إلى أحمدُ آخرَ مدرسةٌ ـــ ٢٠٢١ ۱۲ ABC") == "الي احمد اخر مدرسه  2021 12 abc")
    }
}

@Suite struct SearchWordsTests {
    @Test func wordsAreNormalizedAndCounted() {
        let w = SearchWords(
            title: "عنوان", text: "قالَ الرئيسُ إنّ 22 مليوناً زاروا المدينة. ثم غادر!\n\nوفي ٢٠٢١/٠٤/٢٢ Hello",
            normalizing: true)
        let words = w.bytes.withUnsafeBufferPointer { all in
            (0..<w.count).map { String(decoding: w.word($0, in: all), as: UTF8.self) }
        }
        #expect(
            words == [
                "عنوان", "قال", "الرئيس", "ان", "22", "مليونا", "زاروا", "المدينه", "ثم", "غادر", "وفي", "2021/04/22",
                "hello",
            ])
        #expect(w.titleWords == 1)
        #expect(w.counts.words == 10)  // whitespace tokens with a letter: not "22" nor the date
        #expect(w.counts.sentences == 3)
        #expect(
            w.normalizedText
                == Normalizer(steps: NormalizationStep.searchDefault).normalize(
                    "قالَ الرئيسُ إنّ 22 مليوناً زاروا المدينة. ثم غادر!\n\nوفي ٢٠٢١/٠٤/٢٢ Hello"))
    }
}

@Suite struct ValueOrderTests {
    @Test func stringsCompareByTheirBytesNotByCanonicalEquivalence() {
        // «é» precomposed (C3 A9) and decomposed (65 CC 81): equal for `==`, different bytes.
        let composed = ParquetValue.string("\u{E9}"), decomposed = ParquetValue.string("e\u{301}")
        #expect(ValueOrder.compare(composed, decomposed) == 1)
        #expect(ValueOrder.compare(decomposed, composed) == -1)
        #expect(ValueOrder.compare(composed, composed) == 0)
        #expect(ValueOrder.compare(.int(2), .double(2.5)) == -1 && ValueOrder.compare(.null, .int(1)) == nil)
    }
}

@Suite struct IndexStorageTests {
    @Test func chunkedArrayKeepsEveryElementAcrossChunks() {
        var a = ChunkedArray<Int32>()
        for i in 0..<200_000 { a.append(Int32(i) &* 7) }
        #expect(a.count == 200_000)
        for i in [0, 1, 65_535, 65_536, 65_537, 131_072, 199_999] { #expect(a[i] == Int32(i) &* 7) }
    }

    @Test func rowIDsGiveBackEachID() {
        var ids = RowIDs()
        // Ids fill 1 MiB chunks; one longer than a chunk gets its own.
        let written =
            ["", "a", "row-00001", String(repeating: "ق", count: 300), "ﻻ", "🙂 emoji id"]
            + (0..<40_000).map { "article-\($0)-" + String(repeating: "x", count: $0 % 50) }
            + [String(repeating: "long", count: 300_000), "after the long one"]
        let indices = written.map { ids.append($0) }
        #expect(indices == Array(0..<Int32(written.count)))
        #expect(indices.map { ids[$0] } == written)
        #expect(ids.count == written.count)
    }
}
