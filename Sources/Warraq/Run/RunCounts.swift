/// What happened to the records of a run: `recordsIn == rowsWritten + dropped + rejected`, always.
public struct RunCounts: Sendable, Equatable {
    public var recordsIn = 0
    public var rowsWritten = 0
    public var dropped: [String: Int] = [:]
    public var rejected: [String: Int] = [:]
    /// Records decoded from Windows-1256 or UTF-16 rather than UTF-8.
    public var decoded: [String: Int] = [:]

    public var droppedTotal: Int { dropped.values.reduce(0, +) }
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
    public var balanced: Bool { recordsIn == rowsWritten + droppedTotal + rejectedTotal }

    var json: JSONValue {
        func map(_ m: [String: Int]) -> JSONValue {
            .object(JSONObject(members: m.keys.sorted().map { ($0, .number(String(m[$0]!))) }))
        }
        return .object(JSONObject(members: [
            ("records_in", .number(String(recordsIn))), ("rows_written", .number(String(rowsWritten))),
            ("dropped", map(dropped)), ("rejected", map(rejected)), ("decoded_from", map(decoded)),
        ]))
    }
}
