import Parquet

/// `warraq inspect FILE.parquet`: what a file holds, as text for people or JSON for machines.
public struct FileInspector {
    public let reader: ParquetFileReader

    public init(path: String) throws {
        reader = try ParquetFileReader(path: path)
    }

    /// The report as a JSON value.
    public func json() -> JSONValue {
        let m = reader.metadata
        var schema: [JSONValue] = []
        for node in reader.schema.root.children {
            schema.append(
                .object(
                    JSONObject(members: [
                        ("name", .string(node.name)),
                        ("type", .string(node.typeDescription)),
                        ("nullable", .bool(node.repetition != .required)),
                    ])))
        }
        var groups: [JSONValue] = []
        for (g, group) in m.rowGroups.enumerated() {
            var columns: [JSONValue] = []
            for (c, chunk) in group.columns.enumerated() {
                let leaf = reader.schema.leaves[c]
                var members: [(key: String, value: JSONValue)] = [
                    ("path", .string(leaf.dottedPath)),
                    ("physical_type", .string(chunk.type.description)),
                    ("codec", .string(chunk.codec.description)),
                    ("encodings", .array(chunk.encodings.map { .string($0.description) })),
                    ("num_values", .number(String(chunk.numValues))),
                    ("compressed_bytes", .number(String(chunk.totalCompressedSize))),
                    ("uncompressed_bytes", .number(String(chunk.totalUncompressedSize))),
                    ("data_page_offset", .number(String(chunk.dataPageOffset))),
                ]
                if let d = chunk.dictionaryPageOffset { members.append(("dictionary_page_offset", .number(String(d)))) }
                if let stats = chunk.encodingStats {
                    members.append(
                        (
                            "encoding_stats",
                            .array(
                                stats.map { s in
                                    .object(
                                        JSONObject(members: [
                                            ("page_type", .string(s.pageType.description)),
                                            ("encoding", .string(s.encoding.description)),
                                            ("count", .number(String(s.count))),
                                        ]))
                                })
                        ))
                }
                if let s = chunk.statistics {
                    var st: [(key: String, value: JSONValue)] = []
                    if let n = s.nullCount { st.append(("null_count", .number(String(n)))) }
                    if let v = s.minValue.flatMap(leaf.statisticValue) { st.append(("min", v.json())) }
                    if let v = s.maxValue.flatMap(leaf.statisticValue) { st.append(("max", v.json())) }
                    if let e = s.isMinExact { st.append(("min_exact", .bool(e))) }
                    if let e = s.isMaxExact { st.append(("max_exact", .bool(e))) }
                    members.append(("statistics", .object(JSONObject(members: st))))
                }
                columns.append(.object(JSONObject(members: members)))
            }
            groups.append(
                .object(
                    JSONObject(members: [
                        ("index", .number(String(g))),
                        ("rows", .number(String(group.numRows))),
                        ("compressed_bytes", .number(String(group.columns.reduce(0) { $0 + $1.totalCompressedSize }))),
                        ("uncompressed_bytes", .number(String(group.totalByteSize))),
                        ("columns", .array(columns)),
                    ])))
        }
        return .object(
            JSONObject(members: [
                ("path", .string(reader.path)),
                ("created_by", m.createdBy.map(JSONValue.string) ?? .null),
                ("format_version", .number(String(m.version))),
                ("rows", .number(String(m.numRows))),
                ("row_groups", .array(groups)),
                ("schema", .array(schema)),
                (
                    "key_value_metadata",
                    .object(
                        JSONObject(
                            members: m.keyValueMetadata.map { ($0.key, $0.value.map(JSONValue.string) ?? .null) }))
                ),
            ]))
    }

    /// The report as text for a person.
    public func text() -> String {
        let m = reader.metadata
        var lines: [String] = []
        lines.append("file:        \(reader.path)")
        lines.append("created by:  \(m.createdBy ?? "(unknown)")")
        lines.append("rows:        \(m.numRows) in \(m.rowGroups.count) row group\(m.rowGroups.count == 1 ? "" : "s")")
        lines.append("schema:")
        for node in reader.schema.root.children {
            lines.append("  \(node.name): \(node.typeDescription)\(node.repetition == .required ? " not null" : "")")
        }
        for (g, group) in m.rowGroups.enumerated() {
            let compressed = group.columns.reduce(0) { $0 + $1.totalCompressedSize }
            lines.append(
                "row group \(g): \(group.numRows) rows, \(compressed) bytes compressed, "
                    + "\(group.totalByteSize) uncompressed"
            )
            for (c, chunk) in group.columns.enumerated() {
                let leaf = reader.schema.leaves[c]
                var line =
                    "  \(leaf.dottedPath): \(chunk.type) \(chunk.codec) "
                    + "[\(chunk.encodings.map(\.description).joined(separator: ","))]"
                line += " \(chunk.numValues) values, \(chunk.totalCompressedSize)/\(chunk.totalUncompressedSize) bytes"
                if let s = chunk.statistics {
                    if let n = s.nullCount { line += ", nulls \(n)" }
                    if let lo = s.minValue.flatMap(leaf.statisticValue),
                        let hi = s.maxValue.flatMap(leaf.statisticValue)
                    {
                        line += ", min \(shortText(lo)), max \(shortText(hi))"
                    }
                }
                lines.append(line)
            }
        }
        for kv in m.keyValueMetadata {
            lines.append("metadata \(kv.key): \((kv.value ?? "").prefix(200))")
        }
        return lines.joined(separator: "\n")
    }

    private func shortText(_ v: ParquetValue) -> String {
        let s = JSONWriter.serialize(v.json())
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
