import Foundation

/// Naive Bayes over the character n-grams of words: one model per script, trained by
/// `tools/train_language_model.py` (wordfreq and CLDR data) and compiled in (`LanguageModel+Data.swift`).
///
/// A text's words are its runs of letters and marks (ASCII and Latin-1 capitals lowercased); each word, padded with a
/// space on both sides, gives its `minN`- to `maxN`-grams of code points and itself whole (marked by a leading 1, which
/// no n-gram has). Each n-gram's key is FNV-1a's steps over its code points (whole code points) and SplitMix64's
/// finalizer. A class's score is its log prior plus, for every n-gram of the text the model knows, the n-gram's
/// log-probability in the class (or the class's floor for that kind of n-gram); n-grams no class knows add nothing.
struct LanguageModel: Sendable {
    struct Class: Sendable {
        var code: String
        /// What warraq reports for it (`other` for the Latin-script languages it does not name).
        var label: String
        var prior: Double
        /// The class's log-probability of an n-gram of each kind (0: a whole word, else n) it never saw.
        var floors: [Double]
    }

    let classes: [Class]
    /// The distinct labels, in order of first appearance, and each class's index among them.
    let labels: [String]
    let labelOf: [Int]
    private let table: Table

    /// Decodes a model (its format: `encode` in the trainer).
    /// - Throws: `LanguageModel.Corrupt` when the bytes do not hold a whole model.
    init(base64: String) throws {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else { throw Corrupt() }
        var r = Reader(bytes: [UInt8](data))
        let k = Int(try r.u32()), entries = Int(try r.u32()), minN = Int(try r.u32()), maxN = Int(try r.u32())
        guard k > 0, k <= 255, minN >= 1, minN <= maxN, maxN <= 4, entries >= 0, entries <= 1 << 22 else {
            throw Corrupt()
        }
        var classes: [Class] = []
        for _ in 0..<k {
            let code = try r.string(), label = try r.string()
            let prior = Double(try r.f32())
            var floors: [Double] = []
            for _ in 0...maxN { floors.append(Double(try r.i16()) / 1000) }
            classes.append(Class(code: code, label: label, prior: prior, floors: floors))
        }
        self.classes = classes
        var labels: [String] = []
        labelOf = classes.map { c in
            if let i = labels.firstIndex(of: c.label) { return i }
            labels.append(c.label)
            return labels.count - 1
        }
        self.labels = labels
        var table = Table(entries: entries, minN: minN, maxN: maxN)
        var words: [(letters: [UInt32], pairs: [(Int, Int)])] = []
        for _ in 0..<entries {
            let kind = Int(try r.u8())
            guard kind <= maxN else { throw Corrupt() }
            // A whole word is written as itself, an n-gram as its key.
            let letters = kind == 0 ? try r.string().unicodeScalars.map(\.value) : []
            let key = kind == 0 ? Table.wholeKey(letters) : try r.u64()
            let m = Int(try r.u8())
            var pairs: [(Int, Int)] = []
            for _ in 0..<m {
                let c = Int(try r.u8())
                guard c < k else { throw Corrupt() }
                pairs.append((c, Int(try r.i16()) - Int((classes[c].floors[kind] * 1000).rounded())))
            }
            if kind == 0 {
                guard !letters.isEmpty else { throw Corrupt() }
                words.append((letters, pairs))
            } else {
                try table.insert(key, kind: kind, counts: 0, pairs: pairs)
            }
        }
        guard r.atEnd else { throw Corrupt() }
        // Whole words last: each one's entry holds its own evidence and its n-grams', summed, so that reading a word
        // the model knows is one look-up (and adds exactly what reading its n-grams one by one would).
        for word in words {
            var tally = Tally(classes: k, maxN: maxN)
            table.addNGrams(of: word.letters.indices, in: word.letters, to: &tally)
            for (c, delta) in word.pairs { tally.delta[c] += delta }
            guard tally.byKind.allSatisfy({ $0 <= 0xFF }) else { throw Corrupt() }
            var counts: UInt32 = 0
            for n in 1...maxN { counts |= UInt32(tally.byKind[n]) << (8 * (n - 1)) }
            let pairs = tally.delta.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) }
            try table.insert(Table.wholeKey(word.letters), kind: 0, counts: counts, pairs: pairs)
        }
        self.table = table
    }

    struct Corrupt: Error {}

    /// The evidence of the words read so far (`add(word:of:to:)`), to be turned into each class's score
    /// (`scores(_:)`) as often as wanted.
    struct Tally {
        /// Per class, the sum of the known n-grams' weights above the class's floors, in thousandths.
        fileprivate var delta: [Int]
        /// Known n-grams by kind (0: whole words, else n).
        fileprivate var byKind: [Int]
        /// How many n-grams of the words read the model knew.
        fileprivate(set) var known = 0
        /// Scratch of `Table.addNGrams` (a word's n-gram keys, their first slots, their runs' headers), made once per
        /// tally instead of once per word.
        fileprivate var keys = InlineArray<64, UInt64>(repeating: 0)
        fileprivate var loaded = InlineArray<64, UInt64>(repeating: 0)
        fileprivate var headers = InlineArray<64, UInt32>(repeating: 0)

        fileprivate init(classes: Int, maxN: Int) {
            delta = [Int](repeating: 0, count: classes)
            byKind = [Int](repeating: 0, count: maxN + 1)
        }
    }

    /// Nothing read yet.
    func tally() -> Tally { Tally(classes: classes.count, maxN: table.maxN) }

    /// Reads one word, `letters[word]` (code points, lowercased): itself whole, when the model knows it (its entry
    /// holds its n-grams' evidence too), else its `minN`- to `maxN`-grams padded with a space on both sides.
    func add(word: Range<Int>, of letters: [UInt32], to tally: inout Tally) {
        if !table.addWholeWord(letters[word], to: &tally) { table.addNGrams(of: word, in: letters, to: &tally) }
    }

    /// Each class's score for what `tally` read: its log prior plus the known n-grams' log-probabilities.
    func scores(_ tally: Tally) -> [Double] {
        var out = classes.map(\.prior)
        for c in classes.indices {
            out[c] += Double(tally.delta[c]) / 1000
            for (kind, n) in tally.byKind.enumerated() where n > 0 { out[c] += Double(n) * classes[c].floors[kind] }
        }
        return out
    }

    /// The n-grams, open addressing with linear probing, 8 bytes a slot: the key's upper 32 bits, and 1 + where the
    /// n-gram's run starts in `runs` (0: an empty slot). A run is a header (kind << 8 | pair count), for a whole word
    /// how many of its n-grams of each length n the model knows (8 bits each, n = 1 lowest), then the pairs, each the
    /// class in the top 8 bits and its weight above the class's floor, in thousandths, in the lower 24 (signed).
    /// Small and contiguous, so that a probe costs one or two cache lines. (Two n-grams whose keys share their upper
    /// 32 bits collide with probability 2^-32 a look-up; the loader refuses a model in which two of its own do.)
    private struct Table: Sendable {
        private var slots: [UInt64]
        private var runs: [UInt32] = []
        private let mask: Int
        let minN: Int
        let maxN: Int

        init(entries: Int, minN: Int, maxN: Int) {
            var capacity = 1
            while capacity < entries * 2 { capacity <<= 1 }
            slots = [UInt64](repeating: 0, count: capacity)
            mask = capacity - 1
            self.minN = minN
            self.maxN = maxN
        }

        private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        /// A key being made, extended by one code point (FNV-1a's step over the whole code point).
        @inline(__always) static func extend(_ h: UInt64, _ cp: UInt32) -> UInt64 {
            (h ^ UInt64(cp)) &* 0x0000_0100_0000_01B3
        }

        /// A key made: SplitMix64's finalizer over it.
        @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
            var z = h
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        static let offset: UInt64 = 0xCBF2_9CE4_8422_2325

        /// A whole word's key: 1 (no letter), a space, its letters, a space.
        static func wholeKey<C: Collection<UInt32>>(_ letters: C) -> UInt64 {
            var h = extend(extend(offset, 1), 32)
            for cp in letters { h = extend(h, cp) }
            return finish(extend(h, 32))
        }

        mutating func insert(_ key: UInt64, kind: Int, counts: UInt32, pairs: [(Int, Int)]) throws {
            guard pairs.count <= 0xFF, runs.count < Int(UInt32.max) - 2 - pairs.count else {
                throw LanguageModel.Corrupt()
            }
            var slot = Self.slot(key, mask)
            while slots[slot] != 0 {
                guard slots[slot] >> 32 != key >> 32 else { throw LanguageModel.Corrupt() }
                slot = (slot + 1) & mask
            }
            // The table has twice the slots of its entries: a free one is always found.
            slots[slot] = (key >> 32) << 32 | UInt64(runs.count + 1)
            runs.append(UInt32(kind << 8 | pairs.count))
            if kind == 0 { runs.append(counts) }
            for (c, delta) in pairs {
                guard abs(delta) < 1 << 23 else { throw LanguageModel.Corrupt() }
                runs.append(UInt32(c) << 24 | UInt32(bitPattern: Int32(delta)) & 0x00FF_FFFF)
            }
        }

        /// Where the run of the entry with `key` starts, if there is one.
        private func find(_ key: UInt64) -> Int? {
            var slot = Self.slot(key, mask)
            let tag = key >> 32
            while true {
                let v = slots[slot]
                if v == 0 { return nil }
                if v >> 32 == tag { return Int(v & 0xFFFF_FFFF) - 1 }
                slot = (slot + 1) & mask
            }
        }

        private func accumulate(pairs: Range<Int>, _ tally: inout Tally) {
            for p in pairs {
                let pair = runs[p]
                tally.delta[Int(pair >> 24)] += Int(Int32(bitPattern: pair << 8) >> 8)
            }
        }

        /// Adds the whole word's entry (its n-grams' evidence with it) to `tally`; false when there is none.
        func addWholeWord(_ letters: ArraySlice<UInt32>, to tally: inout Tally) -> Bool {
            guard let found = find(Self.wholeKey(letters)), runs[found] >> 8 == 0 else { return false }
            let counts = runs[found + 1]
            tally.known += 1
            tally.byKind[0] += 1
            for n in 1...maxN {
                let count = Int(counts >> (8 * UInt32(n - 1)) & 0xFF)
                tally.known += count
                tally.byKind[n] += count
            }
            accumulate(pairs: (found + 2)..<(found + 2 + Int(runs[found] & 0xFF)), &tally)
            return true
        }

        /// Adds the known `minN`- to `maxN`-grams of `letters[word]`, padded with a space on both sides, to `tally`.
        func addNGrams(of word: Range<Int>, in letters: [UInt32], to tally: inout Tally) {
            var count = 0
            // The padded word is a space, letters[word], a space: position p of it is `at(p)`.
            let length = word.count + 2
            @inline(__always) func at(_ p: Int) -> UInt32 {
                p == 0 || p == length - 1 ? 32 : letters[word.lowerBound + p - 1]
            }
            for p in 0..<length {
                let c = at(p)
                var h = Self.offset
                for n in 1...maxN where p + n <= length {
                    h = Self.extend(h, at(p + n - 1))
                    if n < minN || (n == 1 && c == 32) { continue }  // a lone space is no n-gram
                    tally.keys[count] = Self.finish(h)
                    count += 1
                    if count == 64 {
                        look(up: count, &tally)
                        count = 0
                    }
                }
            }
            if count > 0 { look(up: count, &tally) }
        }

        /// Adds the n-grams `tally.keys[0..<count]` the table knows to `tally`. Every key's first slot is loaded before
        /// any is compared, and every found run's header before any run is read, so that the cache misses of a word's
        /// n-grams overlap instead of following one another. (A key whose tag is a whole word's is not one of this
        /// word's n-grams: it is passed over.)
        private func look(up count: Int, _ tally: inout Tally) {
            for i in 0..<count { tally.loaded[i] = slots[Self.slot(tally.keys[i], mask)] }
            var found = 0
            for i in 0..<count {
                let tag = tally.keys[i] >> 32
                var slot = Self.slot(tally.keys[i], mask)
                var v = tally.loaded[i]
                while v != 0 && v >> 32 != tag {
                    slot = (slot + 1) & mask
                    v = slots[slot]
                }
                if v != 0 {
                    tally.loaded[found] = v & 0xFFFF_FFFF - 1  // where the run starts
                    found += 1
                }
            }
            for i in 0..<found { tally.headers[i] = runs[Int(tally.loaded[i])] }
            for i in 0..<found {
                let header = Int(tally.headers[i]), start = Int(tally.loaded[i]) + 1
                guard header >> 8 != 0 else { continue }
                tally.known += 1
                tally.byKind[header >> 8] += 1
                accumulate(pairs: start..<(start + header & 0xFF), &tally)
            }
        }
    }

    /// A little-endian reader whose every read is checked.
    private struct Reader {
        let bytes: [UInt8]
        var at = 0
        var atEnd: Bool { at == bytes.count }

        mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.count - at else { throw Corrupt() }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        mutating func u8() throws -> UInt8 {
            guard let b = try take(1).first else { throw Corrupt() }
            return b
        }
        mutating func le(_ n: Int) throws -> UInt64 {
            try take(n).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        mutating func u32() throws -> UInt32 { UInt32(try le(4)) }
        mutating func u64() throws -> UInt64 { try le(8) }
        mutating func i16() throws -> Int16 { Int16(bitPattern: UInt16(try le(2))) }
        mutating func f32() throws -> Float { Float(bitPattern: UInt32(try le(4))) }
        mutating func string() throws -> String {
            let n = Int(try u8())
            return String(decoding: try take(n), as: UTF8.self)
        }
    }
}
