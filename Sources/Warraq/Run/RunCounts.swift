/// What happened to the records of a run: `recordsIn == rowsWritten + dropped + rejected`, always.
public struct RunCounts: Sendable, Equatable {
    public var recordsIn = 0
    public var rowsWritten = 0
    public var dropped: [String: Int] = [:]
    public var rejected: [String: Int] = [:]
    /// Records decoded from Windows-1256 or UTF-16 rather than UTF-8.
    public var decoded: [String: Int] = [:]
    /// Records whose mojibake was repaired, by kind.
    public var repaired: [String: Int] = [:]

    public var droppedTotal: Int { dropped.values.reduce(0, +) }
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
    public var balanced: Bool { recordsIn == rowsWritten + droppedTotal + rejectedTotal }

    /// Adds another run's or input's counts.
    public mutating func add(_ other: RunCounts) {
        recordsIn += other.recordsIn
        rowsWritten += other.rowsWritten
        for (k, v) in other.dropped { dropped[k, default: 0] += v }
        for (k, v) in other.rejected { rejected[k, default: 0] += v }
        for (k, v) in other.decoded { decoded[k, default: 0] += v }
        for (k, v) in other.repaired { repaired[k, default: 0] += v }
    }

    init?(json: JSONValue) {
        guard let n = json["records_in"]?.numberText.flatMap({ Int($0) }), let w = json["rows_written"]?.numberText.flatMap({ Int($0) }) else { return nil }
        recordsIn = n
        rowsWritten = w
        func map(_ key: String) -> [String: Int] {
            guard case .object(let o)? = json[key] else { return [:] }
            return Dictionary(o.members.compactMap { m in m.value.numberText.flatMap(Int.init).map { (m.key, $0) } }, uniquingKeysWith: +)
        }
        dropped = map("dropped"); rejected = map("rejected"); decoded = map("decoded_from"); repaired = map("repaired")
    }

    public init() {}

    var json: JSONValue {
        func map(_ m: [String: Int]) -> JSONValue {
            .object(JSONObject(members: m.keys.sorted().map { ($0, .number(String(m[$0]!))) }))
        }
        return .object(JSONObject(members: [
            ("records_in", .number(String(recordsIn))), ("rows_written", .number(String(rowsWritten))),
            ("dropped", map(dropped)), ("rejected", map(rejected)), ("decoded_from", map(decoded)), ("repaired", map(repaired)),
        ]))
    }
}
