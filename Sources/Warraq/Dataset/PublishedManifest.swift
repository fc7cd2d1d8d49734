import Foundation

/// A published manifest, read back: what `export`, `inspect`, `verify`, `history` and `rollback` work from.
public struct PublishedManifest: Sendable {
    public struct Shard: Sendable {
        public var path: String
        public var partition: [(column: String, value: String?)]
        public var rows: Int64
        public var bytes: Int64
        public var sha256: String
        /// Per column: nulls, min and max as the manifest states them.
        public var columns: [String: (nulls: Int64, min: JSONValue, max: JSONValue)]
    }

    public struct Input: Sendable {
        public var path: String
        public var bytes: Int64
        public var sha256: String
        /// What this input gave, when the manifest says (runs since per-input counts were kept).
        public var counts: RunCounts?
    }

    public struct Column: Sendable {
        public var name: String
        public var type: String
        public var nullable: Bool
        public var isPartition: Bool
    }

    public var json: JSONValue
    public var version: Int
    public var runID: String
    public var finishedAt: String
    public var shards: [Shard]
    public var schema: [Column]
    public var partitionBy: [String]
    public var counts: JSONValue
    public var rejects: [String]
    public var inputs: [Input]

    /// Reads and checks a manifest file.
    /// - Throws: `DatasetError` naming the file and what is missing.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError("no manifest at \(path): is this a Warraq dataset folder?")
        }
        let json: JSONValue
        do { json = try [UInt8](data).withUnsafeBytes { try JSONParser.parse($0) } } catch {
            throw DatasetError("\(path) is not valid JSON: \(error)")
        }
        try self.init(json: json, path: path)
    }

    public init(json: JSONValue, path: String) throws {
        func missing(_ what: String) -> DatasetError { DatasetError("\(path): no \(what) (not a warraq-manifest/1?)") }
        guard json["format"]?.stringValue == Manifest.format else { throw missing("\"format\": \"\(Manifest.format)\"") }
        self.json = json
        version = Int(json["version"]?.numberText ?? "") ?? 0
        runID = json["run"]?["id"]?.stringValue ?? ""
        finishedAt = json["run"]?["finished_at"]?.stringValue ?? ""
        guard case .array(let shardValues)? = json["shards"], case .array(let schemaValues)? = json["schema"] else {
            throw missing("shards or schema")
        }
        shards = try shardValues.map { s in
            guard let p = s["path"]?.stringValue, !p.hasPrefix("/"), !p.split(separator: "/").contains("..") else {
                throw DatasetError("\(path): a shard without a safe relative path")
            }
            var partition: [(String, String?)] = []
            if case .object(let o)? = s["partition"] { partition = o.members.map { ($0.key, $0.value.stringValue) } }
            var columns: [String: (Int64, JSONValue, JSONValue)] = [:]
            if case .object(let o)? = s["columns"] {
                for m in o.members {
                    columns[m.key] = (Int64(m.value["nulls"]?.numberText ?? "") ?? 0, m.value["min"] ?? .null, m.value["max"] ?? .null)
                }
            }
            return Shard(path: p, partition: partition, rows: Int64(s["rows"]?.numberText ?? "") ?? 0,
                         bytes: Int64(s["bytes"]?.numberText ?? "") ?? 0, sha256: s["sha256"]?.stringValue ?? "", columns: columns)
        }
        schema = schemaValues.map { c in
            Column(name: c["name"]?.stringValue ?? "", type: c["type"]?.stringValue ?? "string",
                   nullable: c["nullable"] != .bool(false), isPartition: c["partition"] == .bool(true))
        }
        if case .array(let p)? = json["partition_by"] { partitionBy = p.compactMap(\.stringValue) } else { partitionBy = [] }
        counts = json["counts"] ?? .null
        if case .array(let r)? = json["rejects"] { rejects = r.compactMap(\.stringValue) } else { rejects = [] }
        if case .array(let items)? = json["inputs"] {
            inputs = items.compactMap { i in
                guard let p = i["path"]?.stringValue else { return nil }
                return Input(path: p, bytes: Int64(i["bytes"]?.numberText ?? "") ?? -1, sha256: i["sha256"]?.stringValue ?? "",
                             counts: i["counts"].flatMap(RunCounts.init(json:)))
            }
        } else { inputs = [] }
    }

    public var rows: Int64 { shards.reduce(0) { $0 + $1.rows } }
    public var bytes: Int64 { shards.reduce(0) { $0 + $1.bytes } }
}

/// A problem with a dataset folder (exit code 1), said so that a person can act on it.
public struct DatasetError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// The text of a number (or of a string holding one).
    public var numberText: String? {
        switch self {
        case .number(let n): return n
        case .string(let s): return s
        default: return nil
        }
    }
}
