import Foundation
import Parquet
import Testing
@testable import Warraq

@Suite struct IngestTests {
    let article =
        #"{"title": "عنوان", "content": "نص الخبر", "source": "okaz", "date_extracted": "2015-07-23 10:00:00"}"#

    @Test func jsonArrayJSONLinesAndSingleObject() throws {
        try withTemporaryFolder { dir in
            let array = dir.appendingPathComponent("a.json")
            try "[\n \(article),\n \(article) ,\(article)]".write(to: array, atomically: true, encoding: .utf8)
            #expect(try ingest(array.path).compactMap(\.record).count == 3)
            let lines = dir.appendingPathComponent("a.jsonl")
            try "\(article)\n\n\(article)\r\n".write(to: lines, atomically: true, encoding: .utf8)
            let items = try ingest(lines.path)
            #expect(items.compactMap(\.record).map(\.inputRecord) == [1, 3])
            let single = dir.appendingPathComponent("one.json")
            try "{\n \"content\": \"x\"\n}".write(to: single, atomically: true, encoding: .utf8)
            #expect(try ingest(single.path).compactMap(\.record).count == 1)
            // By content, whatever the extension.
            let unnamed = dir.appendingPathComponent("articles.dat")
            try "\(article)\n\(article)\n".write(to: unnamed, atomically: true, encoding: .utf8)
            #expect(try ingest(unnamed.path).compactMap(\.record).count == 2)
        }
    }

    @Test func csvWithQuotedNewlinesAndTSV() throws {
        try withTemporaryFolder { dir in
            let csv = dir.appendingPathComponent("a.csv")
            try "title,content\r\n\"عنوان, أول\",\"سطر\nسطر \"\"ثان\"\"\"\r\nب,نص\n".write(
                to: csv, atomically: true, encoding: .utf8)
            let records = try ingest(csv.path).compactMap(\.record)
            #expect(records.count == 2)
            #expect(records[0].fields["title"] == .string("عنوان, أول"))
            #expect(records[0].fields["content"] == .string("سطر\nسطر \"ثان\""))
            let tsv = dir.appendingPathComponent("a.tsv")
            try "title\tcontent\nأ\tب\n".write(to: tsv, atomically: true, encoding: .utf8)
            #expect(try ingest(tsv.path).compactMap(\.record).first?.fields["content"] == .string("ب"))
        }
    }

    @Test func windows1256AndUTF16Text() throws {
        try withTemporaryFolder { dir in
            let text = "عنوان الخبر\n\nهذا نص الخبر باللغة العربية."
            let cp = dir.appendingPathComponent("cp.txt")
            let encoded: [UInt8] = text.unicodeScalars.map { s in
                if s.value < 0x80 { return UInt8(s.value) }
                return UInt8(TextDecoding.windows1256High.firstIndex(of: s.value)! + 0x80)
            }
            try Data(encoded).write(to: cp)
            let r = try #require(ingest(cp.path).first?.record)
            #expect(r.encoding == .windows1256 && r.fields["text"] == .string(text))
            let u16 = dir.appendingPathComponent("u16.txt")
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            try Data(bytes).write(to: u16)
            let r16 = try #require(ingest(u16.path).first?.record)
            #expect(r16.encoding == .utf16 && r16.fields["text"] == .string(text))
        }
    }

    @Test func byteOrderMarksOnEveryTextFormat() throws {
        try withTemporaryFolder { dir in
            let bom8 = dir.appendingPathComponent("bom.jsonl")
            try Data([0xEF, 0xBB, 0xBF] + Array("\(article)\n\(article)\n".utf8)).write(to: bom8)
            #expect(try ingest(bom8.path).compactMap(\.record).count == 2)
            let csv16 = dir.appendingPathComponent("u16.csv")
            var bytes: [UInt8] = [0xFE, 0xFF]
            for unit in "title,content\nعنوان,نص 😀\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            try Data(bytes).write(to: csv16)
            let r = try #require(ingest(csv16.path).first?.record)
            #expect(r.fields["title"] == .string("عنوان") && r.fields["content"] == .string("نص 😀"))
        }
    }

    @Test func gzipAndZipArchives() throws {
        try withTemporaryFolder { dir in
            let gz = dir.appendingPathComponent("a.jsonl.gz")
            try gzipped(Data("\(article)\n\(article)\n".utf8)).write(to: gz)
            #expect(try ingest(gz.path).compactMap(\.record).count == 2)
            let zip = dir.appendingPathComponent("a.zip")
            try zipped(
                [
                    ("day/one.json", Data("[\(article),\(article)]".utf8)), ("two.jsonl", Data("\(article)\n".utf8)),
                    ("../evil.txt", Data("عنوان\n\nنص".utf8)),
                ], at: zip)
            let items = try ingest(zip.path)
            #expect(items.compactMap(\.record).count == 4)
            #expect(items.compactMap(\.record).map(\.inputPath).contains(zip.path + "!/day/one.json"))
        }
    }

    @Test func parquetInput() throws {
        try withTemporaryFolder { dir in
            let path = dir.appendingPathComponent("a.parquet").path
            let schema = try TableSchema([
                ColumnSpec(name: "headline", type: .string), ColumnSpec(name: "body", type: .string),
            ])
            let writer = try ParquetFileWriter(path: path, schema: schema)
            var batch = writer.makeBatch()
            batch[0].append(string: "عنوان"); batch[1].append(string: "نص")
            try writer.write(batch)
            try writer.close()
            let r = try #require(ingest(path).first?.record)
            #expect(r.fields["headline"] == .string("عنوان") && r.fields["body"] == .string("نص"))
        }
    }

    @Test func badInputsAreRejectedWithReasons() throws {
        try withTemporaryFolder { dir in
            func reasons(_ name: String, _ bytes: [UInt8]) throws -> (records: Int, reasons: [String]) {
                let url = dir.appendingPathComponent(name)
                try Data(bytes).write(to: url)
                let items = try ingest(url.path)
                return (items.compactMap(\.record).count, items.compactMap(\.rejection?.reason.rawValue))
            }
            let good = Array("\(article)\n".utf8)
            #expect(try reasons("bad.jsonl", good + Array("{\"a\": \n".utf8) + good) == (2, ["invalid_json"]))
            #expect(
                try reasons(
                    "bad-utf8.jsonl",
                    good + [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x41, 0x42, 0x22, 0x7D, 0x0A]) == (
                        1, ["undecodable_text"]
                    ))
            #expect(try reasons("array.jsonl", Array("[1, 2]\n".utf8) + good) == (1, ["not_an_object"]))
            #expect(try reasons("empty.jsonl", []) == (0, ["empty_file"]))
            #expect(try reasons("binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]) == (0, ["binary_file"]))
            let gz = [UInt8](
                try gzipped(
                    Data(
                        (0..<200).map { article.replacingOccurrences(of: "الخبر", with: "الخبر \($0 * 7919)") + "\n" }
                            .joined().utf8)))
            let truncated = try reasons("cut.jsonl.gz", Array(gz.prefix(gz.count / 2)))
            #expect(truncated.records > 0 && truncated.records < 200 && truncated.reasons == ["truncated_gzip"])
            #expect(try reasons("cut.json", Array("[\(article), {\"title\": ".utf8)) == (1, ["invalid_json"]))
            #expect(
                try reasons("quotes.csv", Array("title,content\na,\"never closed\n".utf8)) == (
                    0, ["csv_unbalanced_quote"]
                ))
            #expect(try reasons("fields.csv", Array("title,content\na,b,c\nd,e\n".utf8)) == (1, ["csv_field_count"]))
            #expect(try reasons("cut.zip", Array("PK\u{03}\u{04}junk".utf8)).reasons == ["corrupt_zip"])
        }
    }
}
