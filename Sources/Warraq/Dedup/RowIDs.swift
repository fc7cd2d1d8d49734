/// Row ids in a few flat buffers: an index that holds an id per row it has seen (hundreds of thousands in a big run)
/// keeps them as their UTF-8 bytes back to back, in chunks of 1 MiB that never move (about the id's length and 24
/// bytes a row), instead of one `String` each (a heap object of 40 bytes and more past 15 bytes of text) or one
/// array that doubles as it grows.
struct RowIDs {
    private static let chunkBytes = 1 << 20
    private var chunks: [[UInt8]] = []
    /// Where id `i` is: its chunk, and its bytes' start and end in it.
    private var places = ChunkedArray<(chunk: Int, start: Int, end: Int)>()

    var count: Int { places.count }

    /// Adds `id`; returns its index.
    @discardableResult
    mutating func append(_ id: String) -> Int32 {
        let n = id.utf8.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + n > chunks[chunks.count - 1].capacity {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(Self.chunkBytes, n))
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        let start = chunks[c].count
        chunks[c].append(contentsOf: id.utf8)
        places.append((c, start, start + n))
        return Int32(places.count - 1)
    }

    /// Id `i` (one of the indices `append` returned).
    subscript(i: Int32) -> String {
        let p = places[Int(i)]
        // The bytes are whole ids copied from Strings, so valid UTF-8: decoding repairs nothing.
        return String(decoding: chunks[p.chunk][p.start..<p.end], as: UTF8.self)
    }
}
