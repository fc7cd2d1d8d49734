import Parquet

/// The columns of Warraq's shards: one definition, used by the writer, the manifest and `annotate`.
/// Partition columns live in the folder names and are left out of the files.
public enum OutputSchema {
    /// Every output column in order, `source` included.
    public static let allColumns: [ColumnSpec] = [
        ColumnSpec(name: "id", type: .string, nullable: false),
        ColumnSpec(name: "source", type: .string),
        ColumnSpec(name: "url", type: .string),
        ColumnSpec(name: "title", type: .string),
        ColumnSpec(name: "kicker", type: .string),
        ColumnSpec(name: "author", type: .string),
        ColumnSpec(name: "published_at", type: .timestamp),
        ColumnSpec(name: "text", type: .string, nullable: false),
        ColumnSpec(name: "text_normalized", type: .string, nullable: false),
        ColumnSpec(name: "language", type: .string, nullable: false),
        ColumnSpec(name: "language_score", type: .double, nullable: false),
        ColumnSpec(name: "char_count", type: .int32, nullable: false),
        ColumnSpec(name: "word_count", type: .int32, nullable: false),
        ColumnSpec(name: "sentence_count", type: .int32, nullable: false),
        ColumnSpec(name: "paragraph_count", type: .int32, nullable: false),
        ColumnSpec(name: "content_hash", type: .string, nullable: false),
        ColumnSpec(name: "duplicate_of", type: .string),
        ColumnSpec(name: "dates_mentioned", type: .stringList, nullable: false),
        ColumnSpec(name: "entities", type: .stringList, nullable: false),
        ColumnSpec(name: "people", type: .stringList, nullable: false),
        ColumnSpec(name: "places", type: .stringList, nullable: false),
        ColumnSpec(name: "organizations", type: .stringList, nullable: false),
        ColumnSpec(name: "keywords", type: .stringList, nullable: false),
        ColumnSpec(name: "input_path", type: .string, nullable: false),
        ColumnSpec(name: "input_record", type: .int64, nullable: false),
    ]

    /// The columns stored in the files for a partitioning.
    public static func fileSchema(partitionBy: [PartitionColumn]) -> TableSchema {
        let inFolders = Set(partitionBy.map(\.rawValue))
        // swiftlint:disable:next force_try
        return try! TableSchema(allColumns.filter { !inFolders.contains($0.name) })
    }

    /// Appends a document as one row.
    static func append(_ doc: Document, to columns: inout [ColumnData]) throws {
        for i in columns.indices {
            switch columns[i].spec.name {
            case "id": columns[i].append(string: doc.id)
            case "source": try appendOptional(doc.source, &columns[i])
            case "url": try appendOptional(doc.url, &columns[i])
            case "title": try appendOptional(doc.title, &columns[i])
            case "kicker": try appendOptional(doc.kicker, &columns[i])
            case "author": try appendOptional(doc.author, &columns[i])
            case "published_at":
                if let t = doc.publishedAt { columns[i].append(int64: t) } else { try columns[i].appendNull() }
            case "text": columns[i].append(string: doc.text)
            case "text_normalized": columns[i].append(string: doc.textNormalized)
            case "language": columns[i].append(string: doc.language)
            case "language_score": columns[i].append(double: doc.languageScore)
            case "char_count": columns[i].append(int32: Int32(clamping: doc.charCount))
            case "word_count": columns[i].append(int32: Int32(clamping: doc.wordCount))
            case "sentence_count": columns[i].append(int32: Int32(clamping: doc.sentenceCount))
            case "paragraph_count": columns[i].append(int32: Int32(clamping: doc.paragraphCount))
            case "content_hash": columns[i].append(string: doc.contentHash)
            case "duplicate_of": try appendOptional(doc.duplicateOf, &columns[i])
            case "dates_mentioned": columns[i].append(list: doc.datesMentioned)
            case "entities": columns[i].append(list: doc.entities.map(\.name))
            case "people": columns[i].append(list: doc.entities.filter { $0.kind == .person }.map(\.name))
            case "places": columns[i].append(list: doc.entities.filter { $0.kind == .place }.map(\.name))
            case "organizations": columns[i].append(list: doc.entities.filter { $0.kind == .organization }.map(\.name))
            case "keywords": columns[i].append(list: doc.keywords)
            case "input_path": columns[i].append(string: doc.inputPath)
            case "input_record": columns[i].append(int64: Int64(doc.inputRecord))
            default: preconditionFailure("no value for column \(columns[i].spec.name)")
            }
        }
    }

    private static func appendOptional(_ s: String?, _ column: inout ColumnData) throws {
        if let s { column.append(string: s) } else { try column.appendNull() }
    }

    /// A document as a JSON object with every output column (for `warraq annotate`).
    public static func json(_ doc: Document) -> JSONObject {
        func s(_ v: String?) -> JSONValue { v.map(JSONValue.string) ?? .null }
        return JSONObject(members: [
            ("id", .string(doc.id)), ("source", s(doc.source)), ("url", s(doc.url)), ("title", s(doc.title)),
            ("kicker", s(doc.kicker)), ("author", s(doc.author)),
            ("published_at", doc.publishedAt.map { .string(CivilTime.formatTimestamp($0)) } ?? .null),
            ("text", .string(doc.text)), ("text_normalized", .string(doc.textNormalized)),
            ("language", .string(doc.language)), ("language_score", .number(JSONWriter.number(doc.languageScore))),
            ("char_count", .number(String(doc.charCount))), ("word_count", .number(String(doc.wordCount))),
            ("sentence_count", .number(String(doc.sentenceCount))), ("paragraph_count", .number(String(doc.paragraphCount))),
            ("content_hash", .string(doc.contentHash)), ("duplicate_of", s(doc.duplicateOf)),
            ("dates_mentioned", .array(doc.datesMentioned.map(JSONValue.string))),
            ("entities", .array(doc.entities.map { .string($0.name) })),
            ("people", .array(doc.entities.filter { $0.kind == .person }.map { .string($0.name) })),
            ("places", .array(doc.entities.filter { $0.kind == .place }.map { .string($0.name) })),
            ("organizations", .array(doc.entities.filter { $0.kind == .organization }.map { .string($0.name) })),
            ("keywords", .array(doc.keywords.map(JSONValue.string))),
            ("input_path", .string(doc.inputPath)), ("input_record", .number(String(doc.inputRecord))),
        ])
    }

    /// The partition values of a document, in `partitionBy` order (nil for a null value).
    static func partitionValues(_ doc: Document, _ partitionBy: [PartitionColumn]) -> [String?] {
        partitionBy.map { column in
            switch column {
            case .source: return doc.source
            case .language: return doc.language
            case .date: return doc.publishedAt.map { CivilTime.formatDate(CivilTime.day(ofMicros: $0)) }
            case .year: return doc.publishedAt.map { String(CivilTime.formatDate(CivilTime.day(ofMicros: $0)).prefix(4)) }
            }
        }
    }
}
