/// The dedup step, in input order. `duplicate_of` for a document whose text an earlier one has (exactly, by content
/// hash); otherwise, with `dedup.near` on, `near_duplicate_of` and `near_duplicate_similarity` for one whose shingles
/// an earlier row's are similar to (`NearDuplicateIndex`). Rows kept from earlier runs come first, so a new copy
/// points at the dataset's original.
struct DedupStep {
    let options: DedupOptions
    /// The first document with each content hash: its index in `ids`.
    private var firstByHash: [ContentKey: Int32] = [:]
    private var ids = RowIDs()
    /// The near-duplicate index, when `dedup.near` is on.
    let near: NearDuplicateIndex?

    init(options: DedupOptions, near: NearDuplicateIndex? = nil) {
        self.options = options
        self.near = near
    }

    /// Remembers a row kept from an earlier run (before any document of this run).
    mutating func remember(hash: String, id: String) {
        if options.exact { remember(ContentKey(hash), id) }
    }

    /// Links `doc` to the first document with its text, or to the earliest row it is a near-duplicate of; returns
    /// `.nearDuplicate` when near-duplicates are dropped and it is one (then it is not indexed: it is not a row).
    mutating func mark(_ doc: inout Document) throws -> DropReason? {
        let key = options.exact ? ContentKey(doc.contentHash) : nil
        if let key, let first = firstByHash[key] {
            doc.duplicateOf = ids[first]
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
        if let key { remember(key, doc.id) }
        return nil
    }

    private mutating func remember(_ key: ContentKey, _ id: String) {
        // Past 2³¹ − 1 texts (far beyond any run's memory) later ones are not remembered.
        guard firstByHash[key] == nil, ids.count < Int(Int32.max) else { return }
        firstByHash[key] = ids.append(id)
    }
}
