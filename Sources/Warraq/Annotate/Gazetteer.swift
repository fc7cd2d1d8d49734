/// Finds people, places and organizations in text by their names in the gazetteers (`Gazetteers/`),
/// matched on normalized tokens, longest name first, with the clitics و ف ب ل ك stripped from a name's
/// first word (so «وموسكو» finds موسكو, «للكرملين» finds الكرملين).
public struct Gazetteer: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case person, place, organization }

    public struct Match: Sendable, Equatable {
        public var name: String
        public var kind: Kind
    }

    /// Normalized words of a name (joined by spaces) → canonical name and kind.
    private let names: [Word: Match]
    /// The first words of all names: a position whose word (clitics stripped) is not one starts no name.
    private let firstWords: Set<Word>
    private let longest: Int
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)

    /// The gazetteers shipped with Warraq.
    public static let shared = Gazetteer(tables: [(.person, peopleTable), (.place, placesTable), (.organization, organizationsTable)])

    init(tables: [(Kind, String)]) {
        var names: [Word: Match] = [:]
        var longest = 1
        let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
        for (kind, table) in tables {
            for line in table.split(separator: "\n") where !line.isEmpty {
                let parts = line.split(separator: "\t", maxSplits: 1)
                let canonical = String(parts[0])
                var variants = [canonical]
                if parts.count > 1 { variants += parts[1].split(separator: "|").map(String.init) }
                for v in variants {
                    let words = WordTokenizer.words(normalizer.normalize(v))
                    guard let first = words.first else { continue }
                    let key = words.dropFirst().reduce(first) { $0.appending($1) }
                    guard names[key] == nil else { continue }
                    names[key] = Match(name: canonical, kind: kind)
                    longest = max(longest, words.count)
                }
            }
        }
        self.names = names
        self.firstWords = Set(names.keys.map { Word($0.bytes.prefix { $0 != 0x20 }) })
        self.longest = longest
    }

    /// The names found in `normalizedText`, each once, in order of first mention.
    public func find(inNormalized normalizedText: String) -> [Match] {
        let words = WordTokenizer.words(normalizedText)
        var found: [Match] = []
        var seen = Set<String>()
        var i = 0
        while i < words.count {
            var matched = 0
            let firsts = Clitics.candidates(words[i]).filter(firstWords.contains)
            if !firsts.isEmpty {
                for n in stride(from: min(longest, words.count - i), through: 1, by: -1) {
                    if let m = firsts.lazy.compactMap({ first in self.names[words[(i + 1)..<(i + n)].reduce(first) { $0.appending($1) }] }).first {
                        if seen.insert(m.name).inserted { found.append(m) }
                        matched = n
                        break
                    }
                }
            }
            i += max(matched, 1)
        }
        return found
    }

}

/// Arabic proclitics: و ف (conjunctions), then ب ل ك (prepositions); «لل» is ل before the article.
enum Clitics {
    static let waw: [UInt8] = [0xD9, 0x88], fa: [UInt8] = [0xD9, 0x81], ba: [UInt8] = [0xD8, 0xA8]
    static let lam: [UInt8] = [0xD9, 0x84], kaf: [UInt8] = [0xD9, 0x83], alef: [UInt8] = [0xD8, 0xA7]

    /// The word, then the word without each plausible run of proclitics.
    static func candidates(_ word: Word) -> [Word] {
        var out = [word]
        var w = word
        // Each Arabic letter here is two bytes; keep at least two letters.
        if (w.hasPrefix(waw) || w.hasPrefix(fa)) && w.bytes.count > 6 {
            w = w.dropFirst(2)
            out.append(w)
        }
        if w.bytes.count > 6 {
            if w.hasPrefix(lam + lam) {
                out.append(Word(alef + w.bytes[2...]))  // لل → ال
                out.append(w.dropFirst(2))
            } else if w.hasPrefix(ba) || w.hasPrefix(lam) || w.hasPrefix(kaf) {
                out.append(w.dropFirst(2))
            }
        }
        return out
    }
}
