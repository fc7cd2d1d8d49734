import Testing
@testable import Parquet

@Suite struct ByteKeyTableTests {
    /// Every inserted key is found at its index, absent keys are not, across growth; the hash filter
    /// never rules out a key that is there.
    @Test func findsWhatWasInsertedAndNothingElse() {
        var rng = SeededGenerator(seed: 11)
        var table = ByteKeyTable()
        var keys: [[UInt8]] = []
        for _ in 0..<5_000 {
            let key = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let (index, inserted) = table.insert(key)
            if inserted { #expect(index == keys.count); keys.append(key) } else { #expect(keys[index] == key) }
        }
        let filter = table.filter()
        for (i, key) in keys.enumerated() {
            #expect(table.index(of: key) == i)
            #expect(Array(table.key(i)) == key)
            #expect(filter.mayContain(key.withUnsafeBufferPointer { ByteKeyTable.hash($0) }))
        }
        for _ in 0..<2_000 {
            let key = (0..<21).map { _ in UInt8.random(in: 0...255, using: &rng) }  // longer than any inserted
            #expect(table.index(of: key) == nil)
        }
    }
}
