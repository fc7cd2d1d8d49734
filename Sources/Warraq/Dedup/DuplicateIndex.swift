/// `duplicate_of`: the id of the first document, in input order, with the same content hash.
struct DuplicateIndex {
    private var firstByHash: [String: String] = [:]

    /// Records a document seen before any later one (rows kept from earlier runs).
    mutating func remember(hash: String, id: String) {
        if firstByHash[hash] == nil { firstByHash[hash] = id }
    }

    /// Points `doc` at the first document with its content hash, or makes it that first one.
    mutating func mark(_ doc: inout Document) {
        if let first = firstByHash[doc.contentHash] {
            doc.duplicateOf = first
        } else {
            firstByHash[doc.contentHash] = doc.id
        }
    }
}
