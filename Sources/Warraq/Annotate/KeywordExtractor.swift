import Parquet

/// Up to ten keywords of an article: its most frequent content words (title words count double), with
/// stopwords left out and clitics handled, so «والكرملين» and «للكرملين» count as «الكرملين». Words are
/// counted by their search form; a keyword is shown in its most frequent written form.
public struct KeywordExtractor: Sendable {
    public var limit = 10
    private let stopwords: ByteKeyTable

    public init() {
        stopwords = ArabicStopwords.table(ArabicStopwords.keywords)
    }

    /// The keywords of an article.
    public func keywords(title: String?, text: String) -> [String] {
        keywords(SearchWords(title: title, text: text), title: title, text: text)
    }

    /// The keywords of an article whose `words` were found in `title` and `text`.
    func keywords(_ words: SearchWords, title: String?, text: String) -> [String] {
        var keys = ByteKeyTable(capacity: words.count / 2)
        // Per key: its weight (title words count double) and the word that first had it.
        var tally: [(weight: Int32, first: Int32)] = []
        tally.reserveCapacity(words.count / 2)
        var keyOf = [Int32](repeating: -1, count: words.count)
        // Safety: `all` is `words.bytes`, and every span and clitic candidate lies within it (SearchWords' invariant).
        words.bytes.withUnsafeBufferPointer { all in
            var alefForm: [UInt8] = []  // «لل…» keyed as «ال…»: the word with an alef, built here
            alefForm.reserveCapacity(64)
            for i in 0..<words.count {
                let span = words.spans[i]
                guard !span.isNumber, span.end - span.start >= 6 else { continue }  // 3+ Arabic letters
                // Most words start with no proclitic: their key is the word, whose hash is known.
                let start = Int(span.start), end = Int(span.end)
                let key =
                    Self.mayStartWithProclitic(all[start], all[start + 1])
                    ? Clitics.strippingProclitics(in: all, start, end)
                    : Clitics.Candidate(start: start, end: end, alef: false)
                let k: Int, inserted: Bool
                if key.alef {
                    alefForm.removeAll(keepingCapacity: true)
                    key.append(in: all, to: &alefForm)
                    (k, inserted) = keys.insert(alefForm)
                } else {
                    let bytes = UnsafeBufferPointer(rebasing: all[key.start..<key.end])
                    (k, inserted) = keys.insert(bytes, hash: key.start == start ? span.hash : ByteKeyTable.hash(bytes))
                }
                if inserted { tally.append((0, Int32(i))) }
                tally[k].weight += i < words.titleWords ? 2 : 1
                keyOf[i] = Int32(k)
            }
        }
        // Words seen once say little about an article; stopwords and words under three letters none.
        // (Checked only for keys seen twice: most are not.)
        let ranked = (0..<keys.count).filter { tally[$0].weight >= 2 && !isExcluded(keys, $0) }
            .sorted {
                tally[$0].weight != tally[$1].weight
                    ? tally[$0].weight > tally[$1].weight : tally[$0].first < tally[$1].first
            }
            .prefix(limit)
        return displayForms(
            of: Array(ranked), keyCount: keys.count, keyOf: keyOf, words: words, title: title, text: text)
    }

    /// The most frequent written form of each key in `ranked` (the smallest in byte order on a tie).
    private func displayForms(
        of ranked: [Int], keyCount: Int, keyOf: [Int32], words: SearchWords, title: String?, text: String
    ) -> [String] {
        guard !ranked.isEmpty else { return [] }
        var rankOf = [Int](repeating: -1, count: keyCount)
        for (r, k) in ranked.enumerated() { rankOf[k] = r }
        var forms = ByteKeyTable(capacity: 64)
        var formCount: [Int] = [], formRank: [Int] = []
        var scratch: [UInt8] = []
        var title = title ?? "", text = text
        title.withUTF8 { titleBytes in
            text.withUTF8 { textBytes in
                for i in 0..<words.count where keyOf[i] >= 0 {
                    let r = rankOf[Int(keyOf[i])]
                    guard r >= 0 else { continue }
                    let span = words.spans[i]
                    let source = i < words.titleWords ? titleBytes : textBytes
                    let form = Clitics.strippingProclitics(in: source, Int(span.sourceStart), Int(span.sourceEnd))
                    // One table for all ranks: a form is keyed with its rank in front.
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(UInt8(r))
                    form.append(in: source, to: &scratch)
                    scratch.withUnsafeBufferPointer { keyed in
                        let (f, inserted) = forms.insert(keyed)
                        if inserted { formCount.append(0); formRank.append(r) }
                        formCount[f] += 1
                    }
                }
            }
        }
        var best = [Int](repeating: -1, count: ranked.count)
        for f in 0..<forms.count {
            let r = formRank[f], b = best[r]
            if b < 0 || formCount[f] > formCount[b]
                || (formCount[f] == formCount[b] && forms.key(f).lexicographicallyPrecedes(forms.key(b)))
            {
                best[r] = f
            }
        }
        return best.map { String(decoding: forms.key($0).dropFirst(), as: UTF8.self) }
    }

    /// Whether key `k` is a stopword or shorter than three letters.
    private func isExcluded(_ keys: ByteKeyTable, _ k: Int) -> Bool {
        keys.key(k).withUnsafeBufferPointer { Self.scalarCount($0) < 3 || stopwords.contains($0) }
    }

    /// Whether a word whose first two bytes are `a b` may start with و ف ب ل or ك.
    @inline(__always)
    private static func mayStartWithProclitic(_ a: UInt8, _ b: UInt8) -> Bool {
        (a == 0xD9 && (b == 0x88 || b == 0x81 || b == 0x84 || b == 0x83)) || (a == 0xD8 && b == 0xA8)
    }

    @inline(__always)
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count - bytes.count(where: { $0 & 0xC0 == 0x80 })  // less the continuation bytes
    }
}
