import Foundation

/// A task's `dedup.jsonl`: every row its dedup step decided, in input order, with what the commit needs to decide
/// it again across tasks (`RunCommitter`) and to find it in the task's shards. One JSON array a line:
/// `[content_hash, id, input_path, input_file, input_record, partition_folder, ordinal, indexed, duplicate_of,
/// near_duplicate_of, near_duplicate_similarity, excerpt, kept_aside]`; `ordinal` counts the rows of its partition in
/// the task, `indexed` says the task's near-duplicate segment holds the row (its next one). When near-duplicates are
/// dropped, `excerpt` is set (for the rejects line the commit writes), and `kept_aside` says the row's signature is
/// the next one of `signatures.idx`: an exact copy in the task, whose original the commit may drop (then the copy
/// is no copy of a row, and the commit looks for its near-duplicates, as a single run does).
struct DedupRow: Equatable {
    var contentHash: String
    var id: String
    var inputPath: String
    var inputFile: String
    var inputRecord: Int
    var folder: String
    var ordinal: Int
    var indexed: Bool
    var duplicateOf: String?
    var nearDuplicateOf: String?
    var nearDuplicateSimilarity: Double?
    var excerpt: String?
    var keptAside = false

    /// The links of a row: what the commit compares.
    var links: Links { Links(duplicateOf: duplicateOf, near: nearDuplicateOf, similarity: nearDuplicateSimilarity) }

    struct Links: Equatable {
        var duplicateOf: String?
        var near: String?
        var similarity: Double?
    }

    fileprivate var json: JSONValue {
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .array([
            .string(contentHash), .string(id), .string(inputPath), .string(inputFile), .number(String(inputRecord)),
            .string(folder), .number(String(ordinal)), .bool(indexed), opt(duplicateOf), opt(nearDuplicateOf),
            nearDuplicateSimilarity.map { .number(JSONWriter.number($0)) } ?? .null, opt(excerpt), .bool(keptAside),
        ])
    }

    /// Streams rows to a file.
    final class Writer {
        private let file: JSONLinesFile
        var rows: Int { file.lines }

        init(path: String) throws { file = try JSONLinesFile(path: path) }

        func append(_ row: DedupRow) throws { try file.append(row.json) }

        func close() throws { try file.close() }
    }

    /// Reads a task's rows in order, handing each to `body`.
    /// - Throws: `TaskError.unreadable` naming the file and line of a row that does not parse.
    static func read(path: String, _ body: (DedupRow) throws -> Void) throws {
        let reader: BufferedReader
        do { reader = BufferedReader(try FileByteSource(path: path)) } catch {
            throw TaskError.unreadable(path: path, problem: "\(error)")
        }
        var line = 0
        while let row = try reader.nextLine({ bytes -> DedupRow? in
            line += 1
            return (try? JSONParser.parse(bytes)).flatMap(DedupRow.init)
        }) {
            guard let row else { throw TaskError.unreadable(path: path, problem: "line \(line) is not a row") }
            try body(row)
        }
    }
}

extension DedupRow {
    /// A row read back from its JSON array (nil when it is not one).
    fileprivate init?(_ v: JSONValue) {
        guard case .array(let a) = v, a.count == 13, case .bool(let aside) = a[12], case .string(let hash) = a[0],
            case .string(let id) = a[1],
            case .string(let path) = a[2], case .string(let file) = a[3],
            let record = a[4].numberText.flatMap(Int.init),
            case .string(let folder) = a[5], let ordinal = a[6].numberText.flatMap(Int.init),
            case .bool(let indexed) = a[7]
        else { return nil }
        self.init(
            contentHash: hash, id: id, inputPath: path, inputFile: file, inputRecord: record, folder: folder,
            ordinal: ordinal, indexed: indexed, duplicateOf: a[8].stringValue, nearDuplicateOf: a[9].stringValue,
            nearDuplicateSimilarity: a[10].numberText.flatMap(Double.init), excerpt: a[11].stringValue,
            keptAside: aside)
    }
}
