/// Arabic proclitics: و ف (conjunctions), then ب ل ك (prepositions); «لل» is ل before the article.
enum Clitics {
    static let waw: [UInt8] = [0xD9, 0x88], fa: [UInt8] = [0xD9, 0x81], ba: [UInt8] = [0xD8, 0xA8]
    static let lam: [UInt8] = [0xD9, 0x84], kaf: [UInt8] = [0xD9, 0x83], alef: [UInt8] = [0xD8, 0xA7]

    /// A word with some proclitics taken off: `start..<end` of the buffer the word is in, after an alef
    /// when `alef` is set (لل → ال).
    struct Candidate {
        var start: Int
        var end: Int
        var alef: Bool

        func append(in all: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            if alef { out.append(contentsOf: Clitics.alef) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    @inline(__always)
    static func has(_ all: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int, _ p: [UInt8]) -> Bool {
        end - at >= 2 && all[at] == p[0] && all[at + 1] == p[1]
    }

    /// A word's forms: at most four, so kept inline.
    struct Candidates {
        private var items: (Candidate, Candidate, Candidate, Candidate)
        private(set) var count = 1

        init(_ first: Candidate) { items = (first, first, first, first) }

        mutating func append(_ c: Candidate) {
            switch count {
            case 1: items.1 = c
            case 2: items.2 = c
            default: items.3 = c
            }
            count += 1
        }

        subscript(i: Int) -> Candidate {
            switch i {
            case 0: items.0
            case 1: items.1
            case 2: items.2
            default: items.3
            }
        }
    }

    /// The word `all[start..<end]`, then the word without each plausible run of proclitics.
    static func candidates(in all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Candidates {
        var out = Candidates(Candidate(start: start, end: end, alef: false))
        var s = start
        // Each Arabic letter here is two bytes; keep at least two letters.
        if (has(all, s, end, waw) || has(all, s, end, fa)) && end - s > 6 {
            s += 2
            out.append(Candidate(start: s, end: end, alef: false))
        }
        if end - s > 6 {
            if has(all, s, end, lam) && has(all, s + 2, end, lam) {
                out.append(Candidate(start: s + 2, end: end, alef: true))  // لل → ال
                out.append(Candidate(start: s + 2, end: end, alef: false))
            } else if has(all, s, end, ba) || has(all, s, end, lam) || has(all, s, end, kaf) {
                out.append(Candidate(start: s + 2, end: end, alef: false))
            }
        }
        return out
    }

    /// A word without its proclitics when they stand before the article: «والكرملين», «وللكرملين»,
    /// «بالكرملين» → «الكرملين»; «فالاتفاق» → «الاتفاق». Other words are left whole (a stem may begin with
    /// و or ب: «وزارة», «بيان»). The word is `all[start..<end]`.
    static func strippingProclitics(in all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Candidate {
        var s = start
        func article(_ at: Int) -> Bool {
            (has(all, at, end, alef) && has(all, at + 2, end, lam))
                || (has(all, at, end, lam) && has(all, at + 2, end, lam))
        }
        if has(all, s, end, waw) || has(all, s, end, fa) {
            let r = s + 2
            if article(r)
                || ((has(all, r, end, ba) || has(all, r, end, kaf)) && has(all, r + 2, end, alef)
                    && has(all, r + 4, end, lam))
            {
                s = r
            }
        }
        if has(all, s, end, lam) && has(all, s + 2, end, lam) && end - s > 8 {
            return Candidate(start: s + 2, end: end, alef: true)
        }
        if (has(all, s, end, ba) || has(all, s, end, kaf)) && has(all, s + 2, end, alef) && has(all, s + 4, end, lam)
            && end - s > 10
        {
            return Candidate(start: s + 2, end: end, alef: false)
        }
        return Candidate(start: s, end: end, alef: false)
    }
}
