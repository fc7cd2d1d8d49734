/// The near-duplicate signature of `text_normalized` (`MinHash`), made on the worker threads so that the in-order
/// dedup step only looks it up; and the columns that step fills: `near_duplicate_of`, `near_duplicate_similarity`.
/// On when the pipeline file's `dedup.near.enabled` is (not in the `annotate` section).
struct NearDuplicateSignatureAnnotator: Annotator {
    static let name: String? = nil
    static let columns: [OutputColumn] = [
        .string("near_duplicate_of") { $0.nearDuplicateOf },
        .optionalDouble("near_duplicate_similarity") { $0.nearDuplicateSimilarity },
    ]

    let parameters: MinHashParameters

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.nearSignature = MinHash.signature(of: doc.textNormalized, parameters)
    }
}
