import Parquet

/// The columns of Warraq's shards: the record's own columns, then the annotators' (in `AnnotatorRegistry` order),
/// then where each row came from. The one definition the writer, the manifest and `annotate` read. Partition
/// columns live in the folder names and are left out of the files.
public enum OutputSchema {
    /// The record's columns, from the clean step.
    static let record: [OutputColumn] = [
        .string("id", nullable: false) { $0.id },
        .string("source") { $0.source },
        .string("url") { $0.url },
        .string("title") { $0.title },
        .string("kicker") { $0.kicker },
        .string("author") { $0.author },
        .timestamp("published_at") { $0.publishedAt },
        .string("text", nullable: false) { $0.text },
    ]

    /// Where each row came from.
    static let provenance: [OutputColumn] = [
        .string("input_path", nullable: false) { $0.inputPath },
        .int64("input_record") { $0.inputRecord },
    ]

    /// Every column in order, `source` included, for the annotators' columns.
    static func columns(annotators: [OutputColumn]) -> [OutputColumn] { record + annotators + provenance }

    /// The columns stored in the files for a partitioning.
    static func fileColumns(_ columns: [OutputColumn], partitionBy: [PartitionColumn]) -> [OutputColumn] {
        let inFolders = Set(partitionBy.map(\.rawValue))
        return columns.filter { !inFolders.contains($0.spec.name) }
    }

    /// A document as a JSON object with every output column (for `warraq annotate`).
    public static func json(_ doc: Document, columns: [OutputColumn]) -> JSONObject {
        JSONObject(members: columns.map { ($0.spec.name, $0.json(doc)) })
    }
}
