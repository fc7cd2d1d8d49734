import Testing
@testable import Warraq

@Suite struct JSONParserTests {
    @Test func parsesEveryKind() throws {
        let v = try JSONParser.parse(
            #" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u0628\ud83d\ude00", "c": {}} "#)
        #expect(v["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(v["b"] == .string("x\"\\/\nب😀"))
        #expect(v["c"] == .object(JSONObject()))
    }

    @Test(arguments: [
        "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\\ud8\"", "tru", "{} x", "\"abc", "-",
    ])
    func rejectsMalformed(text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = [0x22, 0xD8, 0x22]
        #expect(throws: JSONError.self) { try bytes.withUnsafeBytes { try JSONParser.parse($0) } }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
    }

    @Test func lineSeparatorsAreEscapedSoRecordsStayOneLine() throws {
        let text = "a\u{85}b\u{2028}c\u{2029}d"
        let json = JSONWriter.string(text)
        #expect(json == #""a\u0085b\u2028c\u2029d""#)
        #expect(try JSONParser.parse(json) == .string(text))
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let original = JSONValue.object(
            JSONObject(members: [("k\"", .string("a\u{1}\n\"بايدن\"\\")), ("n", .array([.null, .number("3")]))]))
        let text = JSONWriter.serialize(original)
        #expect(text.contains("\\u0001"))
        #expect(try JSONParser.parse(text) == original)
    }
}

@Suite struct CivilTimeTests {
    @Test func datesRoundTripAcrossEras() {
        // Years 0001 to 9999: the range the YYYY-MM-DD form can hold.
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let s = CivilTime.formatDate(Int32(days))
            #expect(CivilTime.parseDate(s) == Int32(days), "\(s)")
        }
        #expect(CivilTime.parseDate("1970-01-01") == 0)
        #expect(CivilTime.parseDate("2015-07-23") == 16639)
        #expect(CivilTime.parseDate("2015-02-29") == nil)
        #expect(CivilTime.parseDate("2016-02-29") != nil)
    }

    @Test func timestamps() {
        #expect(CivilTime.parseTimestamp("2015-07-23T10:11:12.123456Z") == 1_437_646_272_123_456)
        #expect(CivilTime.parseTimestamp("2015-07-23 10:11:12Z") == 1_437_646_272_000_000)
        #expect(CivilTime.parseTimestamp("2015-07-23T10:11:12+00:00") == 1_437_646_272_000_000)
        #expect(CivilTime.parseTimestamp("2015-07-23T25:00:00Z") == nil)
        #expect(CivilTime.formatTimestamp(-1) == "1969-12-31T23:59:59.999999Z")
        #expect(CivilTime.formatTimestamp(1_437_646_272_123_456) == "2015-07-23T10:11:12.123456Z")
    }
}
