/// The near-duplicate index a run consults in input order: every row indexed so far (the dataset's kept rows first,
/// then this run's), its id and LSH band keys in memory, its shingles in the index segments on disk. A new row's
/// candidates are the rows that share a band bucket with it; they are checked earliest first by the exact Jaccard
/// similarity of the pair's shingles, and the first at or above the threshold is the link.
///
/// Memory per row: its id (`RowIDs`), 16 bytes of location, and per band a chain link (4 bytes) and at most one
/// bucket entry (8-byte key, 8-byte head and size, with the hash table's slack); the per-row arrays grow by chunks
/// (`ChunkedArray`), never by doubling. Work per row is bounded: a bucket chains at most `maxBucket` rows (its
/// earliest), and at most `maxChecks` candidates are checked.
final class NearDuplicateIndex {
    /// The earliest indexed row a row is a near-duplicate of.
    struct Match: Equatable {
        var id: String
        var similarity: Double
    }

    static let maxBucket: Int32 = 32
    static let maxChecks = 64

    let options: NearDuplicateOptions
    /// Where this run's rows go: the run's segment, in staging.
    let writer: NearIndexSegment.Writer
    private var segments: [NearIndexSegment.Reader] = []

    private struct Location {
        /// Into `segments`, or -1 for `writer`.
        var segment: Int32
        var count: Int32
        var offset: Int64
    }
    private var ids = RowIDs()
    private var locations = ChunkedArray<Location>()
    private var buckets = BandBuckets()
    /// `next[row × bands + band]`: the row before it in that band's bucket, or -1.
    private var next = ChunkedArray<Int32>()

    init(options: NearDuplicateOptions, writingTo path: String) throws {
        self.options = options
        writer = try NearIndexSegment.Writer(path: path, parameters: options.minHash)
    }

    /// Rows indexed so far.
    var count: Int { ids.count }

    /// Indexes the rows of an earlier run's segment for which `keep` is true, after the rows indexed so far.
    /// - Throws: `NearIndexError` when the segment was made with other parameters.
    func load(_ segment: NearIndexSegment.Reader, keep: (NearIndexSegment.Row) -> Bool) throws {
        guard segment.parameters == options.minHash else {
            throw NearIndexError.corrupt(
                path: segment.path,
                problem: "made with shingle \(segment.parameters.shingle), bands \(segment.parameters.bands), rows "
                    + "\(segment.parameters.rows), not this pipeline's")
        }
        segments.append(segment)
        let s = Int32(segments.count - 1)
        for row in segment.rows where keep(row) {
            add(
                id: row.id, keys: row.bandKeys,
                Location(segment: s, count: Int32(clamping: row.shingleCount), offset: row.shinglesOffset))
        }
    }

    /// The earliest indexed row whose shingles are at least `threshold` similar to `signature`'s, if any.
    func find(_ signature: MinHashSignature) throws -> Match? {
        var candidates: [Int32] = []
        for (band, key) in signature.bandKeys.enumerated() {
            var row = buckets.bucket(key)?.head ?? -1
            while row >= 0 {
                candidates.append(row)
                row = next[Int(row) * options.minHash.bands + band]
            }
        }
        guard !candidates.isEmpty else { return nil }
        var checked = 0
        var previous: Int32 = -1
        for row in candidates.sorted() where row != previous {
            previous = row
            let similarity = MinHash.jaccard(signature.shingles, try shingles(of: Int(row)))
            if similarity >= options.threshold { return Match(id: ids[row], similarity: similarity) }
            checked += 1
            if checked == Self.maxChecks { break }
        }
        return nil
    }

    /// Indexes a row of this run (written to the run's segment).
    func insert(id: String, inputPath: String, signature: MinHashSignature) throws {
        let offset = try writer.append(id: id, inputPath: inputPath, signature: signature)
        add(
            id: id, keys: signature.bandKeys,
            Location(segment: -1, count: Int32(signature.shingles.count), offset: offset))
    }

    /// The shingles of indexed row `row`.
    func shingles(of row: Int) throws -> [UInt32] {
        let at = locations[row]
        if at.segment < 0 { return try writer.shingles(at: at.offset, count: Int(at.count)) }
        return try segments[Int(at.segment)].shingles(at: at.offset, count: Int(at.count))
    }

    private func add(id: String, keys: [UInt64], _ location: Location) {
        guard ids.count < Int32.max, keys.count == options.minHash.bands else { return }
        let row = ids.append(id)
        locations.append(location)
        for key in keys {
            // A full bucket keeps its earliest rows: the row is not chained into it.
            next.append(buckets.push(row, key: key, limit: Self.maxBucket) ?? -1)
        }
    }
}
