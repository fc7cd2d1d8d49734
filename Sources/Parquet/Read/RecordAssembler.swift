/// Turns the levels and values of leaf columns back into nested records (Dremel assembly).
///
/// Each leaf is assembled on its own into a tree along its path (repeated nodes become lists,
/// groups become one-field records); the trees of sibling leaves are then merged, and LIST and
/// MAP annotations (with the legacy layouts' rules from LogicalTypes.md) are applied.
struct RecordAssembler {
    let leaves: [LeafColumn]
    let data: [LeafData]
    let rowCount: Int

    /// The records, each a `.record` with one field per top-level column read.
    func records() throws(ParquetError) -> [ParquetValue] {
        var perLeaf: [[ParquetValue]] = []
        for (i, leaf) in leaves.enumerated() {
            perLeaf.append(try assemble(leaf, data[i]))
        }
        var out: [ParquetValue] = []
        out.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var fields: [ParquetValue.Field] = []
            for (i, leaf) in leaves.enumerated() {
                let top = leaf.path[0]
                let v = perLeaf[i][r]
                if let j = fields.firstIndex(where: { $0.name == top }) {
                    fields[j].value = try merge(fields[j].value, v, at: top)
                } else {
                    fields.append(.init(name: top, value: v))
                }
            }
            for j in fields.indices {
                let node = leaves.first { $0.path[0] == fields[j].name }!.nodes[0]
                fields[j].value = annotate(fields[j].value, node: node)
            }
            out.append(.record(fields))
        }
        return out
    }

    // MARK: one leaf

    private func assemble(_ leaf: LeafColumn, _ d: LeafData) throws(ParquetError) -> [ParquetValue] {
        let name = leaf.dottedPath
        let levelCount = leaf.maxDefinitionLevel > 0 ? d.definitionLevels.count : d.values.count
        if leaf.maxRepetitionLevel > 0 && d.repetitionLevels.count != levelCount {
            throw .corruptData(
                "column \(name): \(d.repetitionLevels.count) repetition levels for \(levelCount) definition levels")
        }
        // Cumulative definition and repetition levels at each node of the path.
        var defAt: [Int] = [], repAt: [Int] = []
        var def = 0, rep = 0
        for n in leaf.nodes {
            if n.repetition == .optional { def += 1 }
            if n.repetition == .repeated { def += 1; rep += 1 }
            defAt.append(def); repAt.append(rep)
        }
        // Value index of each level entry (or -1 when it carries no value).
        var valueIndex = [Int](repeating: -1, count: levelCount)
        var v = 0
        for l in 0..<levelCount
        where leaf.maxDefinitionLevel == 0 || Int(d.definitionLevels[l]) == leaf.maxDefinitionLevel {
            valueIndex[l] = v
            v += 1
        }
        guard v == d.values.count else {
            throw .corruptData("column \(name): \(d.values.count) values for \(v) non-null levels")
        }
        let defs = d.definitionLevels, reps = d.repetitionLevels
        let hasRep = leaf.maxRepetitionLevel > 0, hasDef = leaf.maxDefinitionLevel > 0
        func defOf(_ l: Int) -> Int { hasDef ? Int(defs[l]) : leaf.maxDefinitionLevel }
        func repOf(_ l: Int) -> Int { hasRep ? Int(reps[l]) : 0 }

        func build(_ i: Int, _ range: Range<Int>) -> ParquetValue {
            let node = leaf.nodes[i]
            if node.repetition == .repeated {
                if defOf(range.lowerBound) < defAt[i] { return .list([]) }
                var items: [ParquetValue] = []
                var s = range.lowerBound
                var l = s + 1
                while l <= range.upperBound {
                    if l == range.upperBound || repOf(l) <= repAt[i] {
                        items.append(instance(i, s..<l))
                        s = l
                    }
                    l += 1
                }
                return .list(items)
            }
            if node.repetition == .optional && defOf(range.lowerBound) < defAt[i] { return .null }
            return instance(i, range)
        }

        func instance(_ i: Int, _ range: Range<Int>) -> ParquetValue {
            if i == leaf.nodes.count - 1 {
                let vi = valueIndex[range.lowerBound]
                return vi < 0 ? .null : leafValue(d.values, vi, node: leaf.node)
            }
            return .record([.init(name: leaf.nodes[i + 1].name, value: build(i + 1, range))])
        }

        var records: [ParquetValue] = []
        records.reserveCapacity(rowCount)
        var start = 0
        while start < levelCount {
            if repOf(start) != 0 {
                throw .corruptData("column \(name): a record starts with repetition level \(repOf(start)), not 0")
            }
            var end = start + 1
            if hasRep { while end < levelCount && reps[end] != 0 { end += 1 } }
            records.append(build(0, start..<end))
            start = end
        }
        guard records.count == rowCount else {
            throw .corruptData("column \(name): holds \(records.count) rows, the row group has \(rowCount)")
        }
        return records
    }

    private func merge(_ a: ParquetValue, _ b: ParquetValue, at path: String) throws(ParquetError) -> ParquetValue {
        switch (a, b) {
        case (.record(var fa), .record(let fb)):
            for f in fb {
                if let j = fa.firstIndex(where: { $0.name == f.name }) {
                    fa[j].value = try merge(fa[j].value, f.value, at: path + "." + f.name)
                } else {
                    fa.append(f)
                }
            }
            return .record(fa)
        case (.list(let la), .list(let lb)):
            guard la.count == lb.count else {
                throw .corruptData(
                    "columns under \(path) disagree on the number of list elements (\(la.count) and \(lb.count))")
            }
            var out: [ParquetValue] = []
            out.reserveCapacity(la.count)
            for k in la.indices { out.append(try merge(la[k], lb[k], at: path)) }
            return .list(out)
        case (.null, _), (_, .null):
            return .null
        default:
            throw .corruptData("columns under \(path) disagree on its structure")
        }
    }

    // MARK: annotations

    /// Applies LIST and MAP annotations: LIST groups become plain lists of their elements.
    private func annotate(_ value: ParquetValue, node: SchemaNode) -> ParquetValue {
        if node.repetition == .repeated, case .list(let items) = value {
            return .list(items.map { annotateOne($0, node: node) })
        }
        return annotateOne(value, node: node)
    }

    private func annotateOne(_ value: ParquetValue, node: SchemaNode) -> ParquetValue {
        guard !node.children.isEmpty, case .record(let fields) = value else { return value }
        if node.isListAnnotated, node.children.count == 1, let repeatedChild = node.children.first,
            repeatedChild.repetition == .repeated, case .list(let items)? = fields.first?.value
        {
            // Backward-compatibility rules: the repeated group is the element itself when it has
            // several fields, or is named "array" or "<name>_tuple"; otherwise its one child is.
            let groupIsElement =
                repeatedChild.children.count != 1 || repeatedChild.name == "array"
                || repeatedChild.name == "\(node.name)_tuple"
            if repeatedChild.children.isEmpty || groupIsElement {
                return .list(items.map { annotateOne($0, node: repeatedChild) })
            }
            let elementNode = repeatedChild.children[0]
            return .list(
                items.map { item in
                    if case .record(let inner) = item, let first = inner.first {
                        return annotate(first.value, node: elementNode)
                    }
                    return item
                })
        }
        if node.isMapAnnotated, node.children.count == 1, let kv = node.children.first,
            case .list(let items)? = fields.first?.value
        {
            return .list(items.map { annotateOne($0, node: kv) })
        }
        return .record(
            fields.map { f in
                guard let child = node.children.first(where: { $0.name == f.name }) else { return f }
                return .init(name: f.name, value: annotate(f.value, node: child))
            })
    }
}

/// `v / d` rounded toward negative infinity, for any `v` (no `v - (d - 1)` that overflows near `Int64.min`).
func floorDivide(_ v: Int64, by d: Int64) -> Int64 {
    let (q, r) = v.quotientAndRemainder(dividingBy: d)
    return r < 0 ? q - 1 : q
}

/// Converts the physical value at `i` to a `ParquetValue` by the leaf's logical type.
func leafValue(_ values: LeafValues, _ i: Int, node: SchemaNode) -> ParquetValue {
    switch values.type {
    case .boolean: return .bool(values.bools[i])
    case .int32:
        let v = values.int32s[i]
        if node.logicalType == .date || node.convertedType == .date { return .date(v) }
        if case .decimal(let scale, _)? = node.logicalType { return .double(Double(v) / pow10(scale)) }
        if case .integer(_, false)? = node.logicalType { return .int(Int64(UInt32(bitPattern: v))) }
        if [.uint8, .uint16, .uint32].contains(node.convertedType) { return .int(Int64(UInt32(bitPattern: v))) }
        return .int(Int64(v))
    case .int64:
        let v = values.int64s[i]
        switch node.logicalType {
        case .timestamp(_, .millis)?: return .timestamp(v &* 1000)
        case .timestamp(_, .micros)?: return .timestamp(v)
        case .timestamp(_, .nanos)?: return .timestamp(floorDivide(v, by: 1000))
        case .decimal(let scale, _)?: return .double(Double(v) / pow10(scale))
        default: break
        }
        if node.convertedType == .timestampMillis { return .timestamp(v &* 1000) }
        if node.convertedType == .timestampMicros { return .timestamp(v) }
        return .int(v)
    case .int96:
        // 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, little-endian.
        let b = values.byteValue(i)
        var nanos: UInt64 = 0, day: UInt32 = 0
        for (k, byte) in b.prefix(8).enumerated() { nanos |= UInt64(byte) << UInt64(8 * k) }
        for (k, byte) in b.dropFirst(8).enumerated() { day |= UInt32(byte) << UInt32(8 * k) }
        let days = Int64(day) - 2_440_588
        return .timestamp(days &* 86_400_000_000 &+ Int64(bitPattern: nanos) / 1000)
    case .float: return .double(Double(values.floats[i]))
    case .double: return .double(values.doubles[i])
    case .byteArray, .fixedLenByteArray:
        let b = Array(values.byteValue(i))
        if case .decimal(let scale, _)? = node.logicalType { return .double(decimalValue(b) / pow10(scale)) }
        if node.logicalType == .float16, b.count == 2 { return .double(halfToDouble(UInt16(b[0]) | UInt16(b[1]) << 8)) }
        if node.convertedType == .decimal { return .double(decimalValue(b) / pow10(node.scale ?? 0)) }
        switch (node.logicalType, node.convertedType) {
        case (.string?, _), (.enumType?, _), (.json?, _), (_, .utf8?), (_, .enumType?), (_, .json?):
            return .string(String(decoding: b, as: UTF8.self))
        default:
            return .bytes(b)
        }
    }
}

private func pow10(_ n: Int32) -> Double {
    var r = 1.0
    for _ in 0..<max(0, min(Int(n), 400)) { r *= 10 }
    return r
}

/// A big-endian two's-complement integer as a Double (for DECIMAL in byte arrays).
private func decimalValue(_ b: [UInt8]) -> Double {
    guard let first = b.first else { return 0 }
    var r = 0.0
    for byte in b { r = r * 256 + Double(byte) }
    if first & 0x80 != 0 { r -= pow(2.0, Double(8 * b.count)) }
    return r
}

private func pow(_ base: Double, _ exp: Double) -> Double {
    var r = 1.0
    for _ in 0..<Int(exp) { r *= base }
    return r
}

/// An IEEE 754 half-precision value as a Double.
private func halfToDouble(_ h: UInt16) -> Double {
    let sign: Double = h & 0x8000 != 0 ? -1 : 1
    let exponent = Int((h >> 10) & 0x1F), fraction = Double(h & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
