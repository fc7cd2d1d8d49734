/// `content_hash` (SHA-256 of the cleaned text, which the dedup step compares) and `duplicate_of` (filled by the
/// dedup step). The clean step computes the hash, since a record that names no id is known by it.
struct FingerprintAnnotator: Annotator {
    static let name: String? = nil
    static let columns: [OutputColumn] = [
        .string("content_hash", nullable: false) { $0.contentHash },
        .string("duplicate_of") { $0.duplicateOf },
    ]

    func annotate(_ doc: inout Document, words: SearchWords) {}
}
