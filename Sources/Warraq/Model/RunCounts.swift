/// What happened to the records of a run: `recordsIn == rowsWritten + dropped + rejected`, always.
public struct RunCounts: Codable, Sendable, Equatable {
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

    public init() {}

    enum CodingKeys: String, CodingKey {
        case recordsIn = "records_in", rowsWritten = "rows_written", dropped, rejected, decoded = "decoded_from",
            repaired
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recordsIn = try c.decode(Int.self, forKey: .recordsIn)
        rowsWritten = try c.decode(Int.self, forKey: .rowsWritten)
        dropped = try c.decodeIfPresent([String: Int].self, forKey: .dropped) ?? [:]
        rejected = try c.decodeIfPresent([String: Int].self, forKey: .rejected) ?? [:]
        decoded = try c.decodeIfPresent([String: Int].self, forKey: .decoded) ?? [:]
        repaired = try c.decodeIfPresent([String: Int].self, forKey: .repaired) ?? [:]
    }

    /// The counts as a JSON value, as the manifest writes them (its `Codable` form).
    public var json: JSONValue { JSONValue(encoding: self) }
}
