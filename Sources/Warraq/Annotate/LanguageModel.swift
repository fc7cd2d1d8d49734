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
    /// The table, open addressing with linear probing, 8 bytes a slot: the key's upper 32 bits, and 1 + where the
    /// n-gram's run starts in `runs` (0: an empty slot). A run is a header (kind << 8 | pair count), then the pairs,
    /// each the class in the top 8 bits and its weight above the class's floor, in thousandths, in the lower 24
    /// (signed). Small and contiguous, so that a probe costs one or two cache lines. (Two n-grams whose keys share
    /// their upper 32 bits collide with probability 2^-32 a look-up; the trainer checks that none of its own do.)
    private let slots: [UInt64]
    private let runs: [UInt32]
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
        var table = [UInt64](repeating: 0, count: capacity)
        var runs: [UInt32] = []
        mask = capacity - 1
        for _ in 0..<entries {
            let key = try r.u64(), kind = Int(try r.u8()), m = Int(try r.u8())
            guard kind <= maxN, runs.count < Int(UInt32.max) - 1 else { throw Corrupt() }
            var slot = Self.slot(key, mask)
            while table[slot] != 0 {
                guard table[slot] >> 32 != key >> 32 else { throw Corrupt() }
                slot = (slot + 1) & mask
            }
            table[slot] = (key >> 32) << 32 | UInt64(runs.count + 1)
            runs.append(UInt32(kind << 8 | m))
            for _ in 0..<m {
                let c = Int(try r.u8())
                guard c < k else { throw Corrupt() }
                let delta = Int(try r.i16()) - Int((classes[c].floors[kind] * 1000).rounded())
                guard abs(delta) < 1 << 23 else { throw Corrupt() }
                runs.append(UInt32(c) << 24 | UInt32(bitPattern: Int32(delta)) & 0x00FF_FFFF)
            }
        }
        guard r.atEnd else { throw Corrupt() }
        slots = table
        self.runs = runs
    }

    struct Corrupt: Error {}

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

    /// Each class's score for the words `letters[starts[i]..<starts[i + 1]]` (code points, lowercased) of the
    /// words whose index `use` accepts, and how many n-grams the model knew.
    func scores(letters: [UInt32], starts: [Int], use: (Int) -> Bool) -> (scores: [Double], known: Int) {
        var byKind = [Int](repeating: 0, count: maxN + 1)
        var known = 0
        var delta = [Int](repeating: 0, count: classes.count)
        @inline(__always) func add(_ key: UInt64) {
            var slot = Self.slot(key, mask)
            let tag = key >> 32
            var found = 0
            while true {
                let v = slots[slot]
                if v == 0 { return }
                if v >> 32 == tag {
                    found = Int(v & 0xFFFF_FFFF) - 1
                    break
                }
                slot = (slot + 1) & mask
            }
            let header = Int(runs[found])
            known += 1
            byKind[header >> 8] += 1
            for p in (found + 1)..<(found + 1 + header & 0xFF) {
                let pair = runs[p]
                delta[Int(pair >> 24)] += Int(Int32(bitPattern: pair << 8) >> 8)
            }
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
            out[c] += Double(delta[c]) / 1000
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
