/// A run's bookkeeping, in input order: what happened to each record, counted once for the run and once for its
/// input file, and written to the rejects file when it was rejected or dropped. `recordsIn` always equals rows
/// written + dropped + rejected.
final class RunLedger {
    private(set) var counts = RunCounts()
    private(set) var perInput: [String: RunCounts] = [:]
    let rejects: RejectsFile

    init(rejects: RejectsFile) { self.rejects = rejects }

    /// A record ingest could not read (a path problem has no input file: it counts for the run only).
    func rejected(_ r: Rejection) throws {
        count(r.inputFile) {
            $0.recordsIn += 1
            $0.rejected[r.reason.rawValue, default: 0] += 1
        }
        try rejects.add(
            kind: "rejected", inputPath: r.inputPath, inputRecord: r.inputRecord, reason: r.reason.rawValue,
            detail: r.detail, excerpt: r.excerpt)
    }

    /// A record that became a document: read, and maybe decoded from another encoding or repaired.
    func read(_ doc: Document) {
        count(doc.inputFile) {
            $0.recordsIn += 1
            if let encoding = doc.decodedFrom { $0.decoded[encoding, default: 0] += 1 }
            if let repair = doc.repaired { $0.repaired[repair, default: 0] += 1 }
        }
    }

    /// A document the filter or dedup step dropped.
    func dropped(_ doc: Document, _ reason: DropReason) throws {
        count(doc.inputFile) { $0.dropped[reason.rawValue, default: 0] += 1 }
        var detail = "dropped by the filter stage"
        if reason == .nearDuplicate, let original = doc.nearDuplicateOf {
            detail = "a near-duplicate of \(original) (Jaccard \(JSONWriter.number(doc.nearDuplicateSimilarity ?? 0)))"
        }
        try rejects.add(
            kind: "dropped", inputPath: doc.inputPath, inputRecord: doc.inputRecord, reason: reason.rawValue,
            detail: detail, excerpt: String(doc.text.prefix(200)), id: doc.id)
    }

    /// A document written as a row.
    func written(_ doc: Document) { count(doc.inputFile) { $0.rowsWritten += 1 } }

    /// Applies one change to the run's counts and to its input's.
    private func count(_ inputFile: String, _ change: (inout RunCounts) -> Void) {
        change(&counts)
        if !inputFile.isEmpty { change(&perInput[inputFile, default: RunCounts()]) }
    }
}
