import Foundation

/// `warraq inspect DIR`: a dataset at a glance, from its manifests.
public struct DatasetInspector {
    public let dataset: String
    public init(dataset: String) { self.dataset = dataset }

    public func json() throws -> JSONValue {
        let folder = DatasetFolder(dataset)
        let m = try folder.requireCurrent()
        let runs: [JSONValue] = folder.versions().compactMap { v in
            guard let old = try? folder.manifest(version: v) else { return nil }
            return .object(
                JSONObject(members: [
                    ("version", .number(String(v))), ("run_id", .string(old.run.id)),
                    ("finished_at", .string(old.run.finishedAt)),
                    ("rows", .number(String(old.rows))), ("current", .bool(v == m.version)),
                ]))
        }
        var partitions: [String: (rows: Int64, bytes: Int64, shards: Int, values: [(String, String?)])] = [:]
        for s in m.shards {
            let values = m.partitionBy.map { ($0, s.partition[$0] ?? nil) }
            let key = values.map { "\($0.0)=\($0.1 ?? "null")" }.joined(separator: "/")
            var p = partitions[key] ?? (0, 0, 0, values)
            p.rows += s.rows; p.bytes += s.bytes; p.shards += 1
            partitions[key] = p
        }
        let partitionList: [JSONValue] = partitions.keys.sorted().map { key in
            let p = partitions[key]!
            return .object(
                JSONObject(members: [
                    (
                        "partition",
                        .object(JSONObject(members: p.values.map { ($0.0, $0.1.map(JSONValue.string) ?? .null) }))
                    ),
                    ("rows", .number(String(p.rows))), ("bytes", .number(String(p.bytes))),
                    ("shards", .number(String(p.shards))),
                ]))
        }
        var columnStats: [(key: String, value: JSONValue)] = []
        for column in m.schema where column.partition != true {
            var nulls: Int64 = 0
            var lo: JSONValue = .null, hi: JSONValue = .null
            for s in m.shards {
                guard let c = s.columns[column.name] else { continue }
                nulls += c.nulls
                if lo == .null || ValueOrder.less(c.min, lo) { lo = c.min }
                if hi == .null || ValueOrder.less(hi, c.max) { hi = c.max }
            }
            columnStats.append(
                (
                    column.name,
                    .object(
                        JSONObject(members: [
                            ("type", .string(column.type)), ("nulls", .number(String(nulls))), ("min", lo), ("max", hi),
                        ]))
                ))
        }
        return .object(
            JSONObject(members: [
                ("dataset", .string(dataset)),
                ("version", .number(String(m.version))),
                ("run_id", .string(m.run.id)),
                ("rows", .number(String(m.rows))),
                ("bytes", .number(String(m.bytes))),
                ("shards", .number(String(m.shards.count))),
                ("partition_by", .array(m.partitionBy.map(JSONValue.string))),
                ("schema", JSONValue(encoding: m.schema)),
                ("columns", .object(JSONObject(members: columnStats))),
                ("partitions", .array(partitionList)),
                ("counts", m.counts.json),
                ("runs", .array(runs)),
            ]))
    }

    public func text() throws -> String {
        let j = try json()
        var lines: [String] = []
        func n(_ v: JSONValue?) -> String { v?.numberText ?? "?" }
        lines.append("dataset:   \(dataset) (version \(n(j["version"])), run \(j["run_id"]?.stringValue ?? ""))")
        lines.append(
            "rows:      \(n(j["rows"])) in \(n(j["shards"])) shards, "
                + "\(String(format: "%.2f", (Double(n(j["bytes"])) ?? 0) / 1e6)) MB"
        )
        if case .array(let p)? = j["partition_by"] {
            lines.append("partition: \(p.compactMap(\.stringValue).joined(separator: ", "))")
        }
        lines.append("counts:    \(JSONWriter.serialize(j["counts"] ?? .null))")
        lines.append("columns:")
        if case .object(let cols)? = j["columns"] {
            for c in cols.members {
                let short = { (v: JSONValue?) -> String in
                    let s = JSONWriter.serialize(v ?? .null)
                    return s.count > 32 ? String(s.prefix(32)) + "…" : s
                }
                lines.append(
                    "  \(c.key): \(c.value["type"]?.stringValue ?? ""), nulls \(n(c.value["nulls"])), "
                        + "min \(short(c.value["min"])), max \(short(c.value["max"]))"
                )
            }
        }
        lines.append("partitions:")
        if case .array(let parts)? = j["partitions"] {
            for p in parts {
                var members: [(key: String, value: JSONValue)] = []
                if case .object(let o)? = p["partition"] { members = o.members }
                let key = members.map { "\($0.key)=\($0.value.stringValue ?? "null")" }.joined(separator: "/")
                lines.append("  \(key): \(n(p["rows"])) rows, \(n(p["bytes"])) bytes")
            }
        }
        lines.append("runs:")
        if case .array(let runs)? = j["runs"] {
            for r in runs {
                lines.append(
                    "  v\(n(r["version"])) \(r["run_id"]?.stringValue ?? "") \(r["finished_at"]?.stringValue ?? "") "
                        + "\(n(r["rows"])) rows\(r["current"] == .bool(true) ? " (current)" : "")"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
