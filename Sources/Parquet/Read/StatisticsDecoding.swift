extension LeafColumn {
    /// Decodes a PLAIN-encoded statistic (`min_value`/`max_value`) of this column into a value.
    public func statisticValue(_ bytes: [UInt8]) -> ParquetValue? {
        guard let type = node.physicalType else { return nil }
        var values = LeafValues(type: type, typeLength: node.typeLength)
        switch type {
        case .byteArray:
            values.bytes = bytes
            values.offsets = [0, bytes.count]
        case .boolean:
            guard bytes.count == 1 else { return nil }
            values.bools = [bytes[0] != 0]
        default:
            let ok: Bool = bytes.withUnsafeBytes { raw in
                (try? values.appendPlain(raw, start: 0, end: raw.count, count: 1, column: dottedPath)) != nil
            }
            guard ok, values.count == 1 else { return nil }
        }
        return leafValue(values, 0, node: node)
    }
}
