/// The partition step: which Hive folder (`source=okaz/date=2015-07-23`) a document's row goes to.
struct PartitionStep: Sendable {
    /// A document's partition: its values in `partitionBy` order (nil for a null value) and their folder.
    struct Key {
        var values: [String?]
        var folder: String
    }

    let partitionBy: [PartitionColumn]

    func key(_ doc: Document) -> Key {
        let values = partitionBy.map { column -> String? in
            switch column {
            case .source: return doc.source
            case .language: return doc.language
            case .date: return doc.publishedAt.map { CivilTime.formatDate(CivilTime.day(ofMicros: $0)) }
            case .year:
                return doc.publishedAt.map { String(CivilTime.formatDate(CivilTime.day(ofMicros: $0)).prefix(4)) }
            }
        }
        return Key(values: values, folder: PartitionPath.folder(partitionBy, values))
    }
}
