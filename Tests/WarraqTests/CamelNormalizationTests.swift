import Foundation
import Testing
@testable import Warraq

/// Every function equals CAMeL Tools on every line of its recorded outputs.
@Suite struct CamelNormalizationTests {
    static let lines: [JSONObject] = {
        let url = Bundle.module.url(forResource: "Fixtures/camel-normalization", withExtension: "jsonl")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            guard case .object(let o) = try! JSONParser.parse(String(line)) else { fatalError("not an object") }
            return o
        }
    }()

    @Test(arguments: CamelFunction.allCases)
    func equalsCamelToolsOnEveryLine(function: CamelFunction) {
        #expect(Self.lines.count > 1500)
        var failures = 0
        for line in Self.lines {
            guard case .string(let input)? = line["input"], case .string(let expected)? = line[function.rawValue] else {
                Issue.record("line without \(function.rawValue)"); return
            }
            let got = function.apply(input)
            if got != expected {
                failures += 1
                if failures <= 5 {
                    func hex(_ s: String) -> [String] { s.unicodeScalars.map { String($0.value, radix: 16) } }
                    Issue.record(
                        "\(function.rawValue)(\(hex(input))):\n got      \(hex(got))\n expected \(hex(expected))")
                }
            }
        }
        #expect(failures == 0, "\(failures) lines differ")
    }
}
