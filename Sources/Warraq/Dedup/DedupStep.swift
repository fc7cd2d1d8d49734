/// The dedup step, in input order. `duplicate_of` for a document whose text an earlier one has (exactly, by content
/// hash); otherwise, with `dedup.near` on, `near_duplicate_of` and `near_duplicate_similarity` for one whose shingles
/// an earlier row's are similar to (`NearDuplicateIndex`). Rows kept from earlier runs come first, so a new copy
/// points at the dataset's original.
struct DedupStep {
    let options: DedupOptions
    /// The id of the first document with each content hash.
    private var firstByHash: [String: String] = [:]
    /// The near-duplicate index, when `dedup.near` is on.
    let near: NearDuplicateIndex?

    init(options: DedupOptions, near: NearDuplicateIndex? = nil) {
        self.options = options
        self.near = near
    }

    /// Remembers a row kept from an earlier run (before any document of this run).
    mutating func remember(hash: String, id: String) {
        if options.exact && firstByHash[hash] == nil { firstByHash[hash] = id }
    }

    /// Links `doc` to the first document with its text, or to the earliest row it is a near-duplicate of; returns
    /// `.nearDuplicate` when near-duplicates are dropped and it is one (then it is not indexed: it is not a row).
    mutating func mark(_ doc: inout Document) throws -> DropReason? {
        if options.exact, let first = firstByHash[doc.contentHash] {
            doc.duplicateOf = first
            return nil
        }
        if let near, let signature = doc.nearSignature {
            if let match = try near.find(signature) {
                doc.nearDuplicateOf = match.id
                doc.nearDuplicateSimilarity = match.similarity
                if near.options.drop { return .nearDuplicate }
            }
            try near.insert(id: doc.id, inputPath: doc.inputPath, signature: signature)
        }
        if options.exact { firstByHash[doc.contentHash] = doc.id }
        return nil
    }
}
