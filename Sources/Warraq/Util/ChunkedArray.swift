/// An append-only array stored in chunks of 65,536 elements: for the indexes that grow a few entries a row over a
/// whole run (millions of entries). An `Array` doubles as it grows, so at its peak it holds the old buffer and one
/// twice as large (three times its contents); this holds its contents and at most one chunk's slack.
struct ChunkedArray<Element> {
    private static var chunkShift: Int { 16 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ element: Element) {
        if count & ((1 << Self.chunkShift) - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.chunkShift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Element `i`, for `i` in `0..<count` (a bounds-checked read: outside them it traps, like `Array`).
    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "ChunkedArray index \(i) outside 0..<\(count)")
        return chunks[i >> Self.chunkShift][i & ((1 << Self.chunkShift) - 1)]
    }
}
