import Foundation

/// Naive Bayes over the character n-grams of words: one model per script, trained by
/// `tools/train_language_model.py` (wordfreq and CLDR data) and compiled in (`LanguageModel+Data.swift`).
///
/// A text's words are its runs of letters and marks (ASCII and Latin-1 capitals lowercased); each word, padded with a
/// space on both sides, gives its `minN`- to `maxN`-grams of code points and itself whole (marked by a leading 1, which
/// no n-gram has). Each n-gram's key is FNV-1a's steps over its code points (whole code points) and SplitMix64's
/// finalizer. A class's score is its log prior plus, for
/// every n-gram of the text the model knows, the n-gram's log-probability in the class (or the class's floor for that
/// kind of n-gram); n-grams no class knows add nothing.
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
    let minN: Int
    let maxN: Int
    /// One slot of the table: its n-gram's key (0: empty; no n-gram has key 0, checked), its kind, and where its
    /// (class, weight above the class's floor) pairs are in `pairClass` and `pairDelta`. 16 bytes: a probe reads one
    /// cache line.
    private struct Slot {
        var key: UInt64 = 0
        var start: Int32 = 0
        var kind: UInt8 = 0
        var count: UInt8 = 0
    }

    /// Open addressing, linear probing.
    private let slots: [Slot]
    private let pairClass: [UInt8]
    private let pairDelta: [Float]
    private let mask: Int

    /// Decodes a model (its format: `encode` in the trainer).
    /// - Throws: `LanguageModel.Corrupt` when the bytes do not hold a whole model.
    init(base64: String) throws {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else { throw Corrupt() }
        var r = Reader(bytes: [UInt8](data))
        let k = Int(try r.u32()), entries = Int(try r.u32()), minN = Int(try r.u32()), maxN = Int(try r.u32())
        guard k > 0, k <= 255, minN >= 1, minN <= maxN, maxN <= 8, entries >= 0, entries <= 1 << 22 else {
            throw Corrupt()
        }
        self.minN = minN
        self.maxN = maxN
        var classes: [Class] = []
        for _ in 0..<k {
            let code = try r.string(), label = try r.string()
            let prior = Double(try r.f32())
            var floors: [Double] = []
            for _ in 0...maxN { floors.append(Double(try r.i16()) / 1000) }
            classes.append(Class(code: code, label: label, prior: prior, floors: floors))
        }
        self.classes = classes
        var capacity = 1
        while capacity < entries * 2 { capacity <<= 1 }
        var table = [Slot](repeating: Slot(), count: capacity)
        var pc: [UInt8] = [], pd: [Float] = []
        mask = capacity - 1
        for _ in 0..<entries {
            let key = try r.u64(), kind = Int(try r.u8()), m = Int(try r.u8())
            guard key != 0, kind <= maxN else { throw Corrupt() }
            var slot = Self.slot(key, mask)
            while table[slot].key != 0 {
                guard table[slot].key != key else { throw Corrupt() }
                slot = (slot + 1) & mask
            }
            table[slot] = Slot(key: key, start: Int32(pc.count), kind: UInt8(kind), count: UInt8(m))
            for _ in 0..<m {
                let c = Int(try r.u8())
                guard c < k else { throw Corrupt() }
                pc.append(UInt8(c))
                pd.append(Float(Double(try r.i16()) / 1000 - classes[c].floors[kind]))
            }
        }
        guard r.atEnd else { throw Corrupt() }
        slots = table
        pairClass = pc
        pairDelta = pd
    }

    struct Corrupt: Error {}

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// A key being made, extended by one code point (FNV-1a's step over the whole code point).
    @inline(__always) static func extend(_ h: UInt64, _ cp: UInt32) -> UInt64 { (h ^ UInt64(cp)) &* 0x0000_0100_0000_01B3 }

    /// A key made: SplitMix64's finalizer over it.
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
        var z = h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Each class's score for the words `letters[starts[i]..<starts[i + 1]]` (code points, lowercased) of the
    /// words whose index `use` accepts, and how many n-grams the model knew.
    func scores(letters: [UInt32], starts: [Int], use: (Int) -> Bool) -> (scores: [Double], known: Int) {
        var delta = [Float](repeating: 0, count: classes.count)
        var byKind = [Int](repeating: 0, count: maxN + 1)
        var known = 0
        @inline(__always) func add(_ key: UInt64) {
            var slot = Self.slot(key, mask)
            while true {
                let k = slots[slot].key
                if k == 0 { return }
                if k == key { break }
                slot = (slot + 1) & mask
            }
            let found = slots[slot]
            known += 1
            byKind[Int(found.kind)] += 1
            let start = Int(found.start)
            for p in start..<(start + Int(found.count)) { delta[Int(pairClass[p])] += pairDelta[p] }
        }
        for w in 0..<(starts.count - 1) where use(w) {
            let first = starts[w], end = starts[w + 1]
            // The padded word is a space, letters[first..<end], a space: position p of it is `at(p)`.
            let length = end - first + 2
            @inline(__always) func at(_ p: Int) -> UInt32 { p == 0 || p == length - 1 ? 32 : letters[first + p - 1] }
            var whole = Self.extend(Self.offset, 1)
            for p in 0..<length {
                let c = at(p)
                whole = Self.extend(whole, c)
                var h = Self.offset
                for n in 1...maxN where p + n <= length {
                    h = Self.extend(h, at(p + n - 1))
                    if n < minN || (n == 1 && c == 32) { continue }  // a lone space is no n-gram
                    add(Self.finish(h))
                }
            }
            add(Self.finish(whole))
        }
        var out = classes.map(\.prior)
        for c in classes.indices {
            out[c] += Double(delta[c])
            for (kind, n) in byKind.enumerated() where n > 0 { out[c] += Double(n) * classes[c].floors[kind] }
        }
        return (out, known)
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
