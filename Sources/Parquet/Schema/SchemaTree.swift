/// A node of a file's schema, rebuilt from the flattened element list.
public final class SchemaNode: Sendable {
    public let name: String
    /// Nil for the root.
    public let repetition: Repetition?
    /// Nil for groups.
    public let physicalType: PhysicalType?
    public let typeLength: Int32?
    public let convertedType: ConvertedType?
    public let logicalType: LogicalType?
    public let scale: Int32?
    public let children: [SchemaNode]

    init(_ e: SchemaElement, children: [SchemaNode]) {
        name = e.name
        repetition = e.repetition
        physicalType = children.isEmpty ? e.type : nil
        typeLength = e.typeLength
        convertedType = e.convertedType
        logicalType = e.logicalType
        scale = e.scale
        self.children = children
    }

    public var isLeaf: Bool { children.isEmpty && physicalType != nil }

    var isListAnnotated: Bool { convertedType == .list || logicalType == .list }
    var isMapAnnotated: Bool { convertedType == .map || convertedType == .mapKeyValue || logicalType == .map }

    /// The type a person would name ("string", "int64", "timestamp[us, UTC]", "list<...>", "struct<...>").
    public var typeDescription: String {
        if let p = physicalType {
            switch (p, logicalType, convertedType) {
            case (_, .string?, _), (_, _, .utf8?): return "string"
            case (_, .date?, _), (_, _, .date?): return "date"
            case (_, .timestamp(let utc, let unit)?, _):
                return "timestamp[\(unit == .millis ? "ms" : unit == .micros ? "us" : "ns")\(utc ? ", UTC" : "")]"
            case (_, _, .timestampMillis?): return "timestamp[ms, UTC]"
            case (_, _, .timestampMicros?): return "timestamp[us, UTC]"
            case (.int96, _, _): return "timestamp[ns] (int96)"
            case (_, .decimal(let s, let pr)?, _): return "decimal(\(pr), \(s))"
            case (.byteArray, _, _): return "binary"
            case (.fixedLenByteArray, _, _): return "fixed_len_byte_array(\(typeLength ?? 0))"
            default: return p.description.lowercased()
            }
        }
        if isListAnnotated, let rep = children.first {
            let element =
                rep.children.count == 1 && rep.name != "array" && rep.name != "\(name)_tuple" ? rep.children[0] : rep
            return "list<\(element.typeDescription)>"
        }
        if isMapAnnotated { return "map" }
        return "struct<" + children.map { "\($0.name): \($0.typeDescription)" }.joined(separator: ", ") + ">"
    }
}

/// A leaf column: its path from the root and the levels its values carry.
public struct LeafColumn: Sendable {
    public let path: [String]
    /// The nodes from the top-level field down to the leaf.
    let nodes: [SchemaNode]
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    public var node: SchemaNode { nodes[nodes.count - 1] }
    public var dottedPath: String { path.joined(separator: ".") }
}

/// A file's schema as a tree, with its leaves in file order.
public struct SchemaTree: Sendable {
    public let root: SchemaNode
    public let leaves: [LeafColumn]

    static let maxDepth = 100

    init(elements: [SchemaElement]) throws(ParquetError) {
        guard let first = elements.first else { throw .corruptMetadata("the schema is empty") }
        var index = 1
        func build(_ e: SchemaElement, depth: Int) throws(ParquetError) -> SchemaNode {
            guard depth < Self.maxDepth else { throw .corruptMetadata("schema nested deeper than \(Self.maxDepth)") }
            let n = Int(e.numChildren ?? 0)
            guard n >= 0, n <= elements.count - index else {
                throw .corruptMetadata(
                    "schema element \"\(e.name)\" claims \(n) children, only \(elements.count - index) elements follow")
            }
            if n == 0 && depth > 0 && e.type == nil {
                throw .corruptMetadata("schema leaf \"\(e.name)\" has no physical type")
            }
            if e.type == .fixedLenByteArray && (e.typeLength ?? -1) < 0 {
                throw .corruptMetadata("FIXED_LEN_BYTE_ARRAY column \"\(e.name)\" has no valid type_length")
            }
            var children: [SchemaNode] = []
            for _ in 0..<n {
                // Children of earlier siblings consume elements too: check again before each one.
                guard index < elements.count else {
                    throw .corruptMetadata("schema element \"\(e.name)\" claims \(n) children, the schema ends first")
                }
                let child = elements[index]
                index += 1
                children.append(try build(child, depth: depth + 1))
            }
            return SchemaNode(e, children: children)
        }
        root = try build(first, depth: 0)
        guard index == elements.count else {
            throw .corruptMetadata("schema has \(elements.count - index) elements outside the tree")
        }
        var leaves: [LeafColumn] = []
        func collect(_ node: SchemaNode, _ nodes: [SchemaNode]) {
            if node.children.isEmpty {
                guard node.physicalType != nil else { return }
                var def = 0, rep = 0
                for n in nodes {
                    if n.repetition == .optional { def += 1 }
                    if n.repetition == .repeated { def += 1; rep += 1 }
                }
                leaves.append(
                    LeafColumn(path: nodes.map(\.name), nodes: nodes, maxDefinitionLevel: def, maxRepetitionLevel: rep))
                return
            }
            for c in node.children { collect(c, nodes + [c]) }
        }
        for c in root.children { collect(c, [c]) }
        self.leaves = leaves
    }
}
