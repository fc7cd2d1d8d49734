import Foundation
@_exported import WarraqTestSupport
@testable import Parquet

/// The path of a bundled fixture, e.g. `fixture("data/alltypes_plain.parquet")`.
func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!.path
}

func fixtureNames(_ folder: String) -> [String] {
    let dir = Bundle.module.url(forResource: "Fixtures/" + folder, withExtension: nil)!
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".parquet") }
        .sorted()
}

/// Values equal, with NaN equal to NaN (the round trip must keep NaN).
func sameValue(_ a: ParquetValue, _ b: ParquetValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameValue)
    case (.record(let x), .record(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && sameValue($0.value, $1.value) }
    default: return a == b
    }
}

/// Random strings with ASCII, Arabic, emoji and empty values.
func randomString<R: RandomNumberGenerator>(_ rng: inout R, maxLength: Int = 24) -> String {
    let alphabets: [[Unicode.Scalar]] = [
        Array("abcdefghij ".unicodeScalars), Array("بتثجحخدذرزسشصضطظعغفقكلمنهوي ".unicodeScalars),
        ["\u{1F600}", "\u{00E9}", "\u{4E2D}", "\u{0000}", "\"", "\\", "\n"],
    ]
    let alphabet = alphabets[Int.random(in: 0..<alphabets.count, using: &rng)]
    let n = Int.random(in: 0...maxLength, using: &rng)
    var s = String.UnicodeScalarView()
    for _ in 0..<n { s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
    return String(s)
}

/// A table of random values for `schema`, as column buffers and as the rows a reader should give back.
func randomTable<R: RandomNumberGenerator>(
    _ schema: TableSchema, rows: Int, nullRate: Double = 0.1, using rng: inout R,
    string: ((inout R) -> String)? = nil
) throws -> (columns: [ColumnData], rows: [ParquetValue]) {
    var columns = schema.columns.map(ColumnData.init)
    var expected: [[ParquetValue.Field]] = Array(repeating: [], count: rows)
    for r in 0..<rows {
        for (c, spec) in schema.columns.enumerated() {
            if spec.nullable && Double.random(in: 0..<1, using: &rng) < nullRate {
                try columns[c].appendNull()
                expected[r].append(.init(name: spec.name, value: .null))
                continue
            }
            let value: ParquetValue
            switch spec.type {
            case .string:
                let s = string?(&rng) ?? randomString(&rng)
                columns[c].append(string: s); value = .string(s)
            case .int32:
                let v = Int32.random(in: .min ... .max, using: &rng)
                columns[c].append(int32: v); value = .int(Int64(v))
            case .int64:
                let v = Int64.random(in: .min ... .max, using: &rng)
                columns[c].append(int64: v); value = .int(v)
            case .double:
                let choices: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude]
                let v =
                    Int.random(in: 0..<10, using: &rng) == 0
                    ? choices[Int.random(in: 0..<choices.count, using: &rng)]
                    : Double.random(in: -1e6...1e6, using: &rng)
                columns[c].append(double: v); value = .double(v)
            case .bool:
                let v = Bool.random(using: &rng)
                columns[c].append(bool: v); value = .bool(v)
            case .date:
                let v = Int32.random(in: -100_000...100_000, using: &rng)
                columns[c].append(int32: v); value = .date(v)
            case .timestamp:
                let v = Int64.random(in: -4_000_000_000_000_000...4_000_000_000_000_000, using: &rng)
                columns[c].append(int64: v); value = .timestamp(v)
            case .stringList:
                let n = Int.random(in: 0...4, using: &rng)
                var list: [String?] = []
                for _ in 0..<n {
                    list.append(Int.random(in: 0..<8, using: &rng) == 0 ? nil : (string?(&rng) ?? randomString(&rng)))
                }
                columns[c].append(list: list)
                value = .list(list.map { $0.map(ParquetValue.string) ?? .null })
            }
            expected[r].append(.init(name: spec.name, value: value))
        }
    }
    return (columns, expected.map(ParquetValue.record))
}

/// Every column type, nullable and required.
func allTypesSchema() throws -> TableSchema {
    var columns: [ColumnSpec] = []
    for type in ColumnType.allCases {
        columns.append(ColumnSpec(name: "\(type.rawValue)_opt", type: type, nullable: true))
        columns.append(ColumnSpec(name: "\(type.rawValue)_req", type: type, nullable: false))
    }
    return try TableSchema(columns)
}
