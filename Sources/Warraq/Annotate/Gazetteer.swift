/// Finds people, places and organizations in text by their names in the gazetteers (`Gazetteers/`),
/// matched on normalized tokens, longest name first, with the clitics و ف ب ل ك stripped from a name's
/// first word (so «وموسكو» finds موسكو, «للكرملين» finds الكرملين).
public struct Gazetteer: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case person, place, organization }

    public struct Match: Sendable, Equatable {
        public var name: String
        public var kind: Kind
    }

    /// Normalized token sequence (joined by spaces) → canonical name and kind.
    private let names: [String: Match]
    private let longest: Int
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)

    /// The gazetteers shipped with Warraq.
    public static let shared = Gazetteer(tables: [(.person, peopleTable), (.place, placesTable), (.organization, organizationsTable)])

    init(tables: [(Kind, String)]) {
        var names: [String: Match] = [:]
        var longest = 1
        let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
        for (kind, table) in tables {
            for line in table.split(separator: "\n") where !line.isEmpty {
                let parts = line.split(separator: "\t", maxSplits: 1)
                let canonical = String(parts[0])
                var variants = [canonical]
                if parts.count > 1 { variants += parts[1].split(separator: "|").map(String.init) }
                for v in variants {
                    let key = Self.tokens(normalizer.normalize(v)).joined(separator: " ")
                    guard !key.isEmpty, names[key] == nil else { continue }
                    names[key] = Match(name: canonical, kind: kind)
                    longest = max(longest, key.split(separator: " ").count)
                }
            }
        }
        self.names = names
        self.longest = longest
    }

    /// The names found in `normalizedText`, each once, in order of first mention.
    public func find(inNormalized normalizedText: String) -> [Match] {
        let words = Self.tokens(normalizedText)
        var found: [Match] = []
        var seen = Set<String>()
        var i = 0
        while i < words.count {
            var matched = 0
            for n in stride(from: min(longest, words.count - i), through: 1, by: -1) {
                let rest = words[(i + 1)..<(i + n)].joined(separator: " ")
                for first in Clitics.candidates(words[i]) {
                    let key = rest.isEmpty ? first : first + " " + rest
                    if let m = names[key] {
                        if seen.insert(m.name).inserted { found.append(m) }
                        matched = n
                        break
                    }
                }
                if matched > 0 { break }
            }
            i += max(matched, 1)
        }
        return found
    }

    /// Words of letters only (punctuation splits words).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if TextStatistics.isLetter(c) { word.append(c) } else if !word.isEmpty { out.append(String(word)); word = String.UnicodeScalarView() }
        }
        if !word.isEmpty { out.append(String(word)) }
        return out
    }
}

/// Arabic proclitics: و ف (conjunctions), then ب ل ك (prepositions); «لل» is ل before the article.
enum Clitics {
    /// The word, then the word without each plausible run of proclitics (longest stripped last).
    static func candidates(_ word: String) -> [String] {
        var out = [word]
        var scalars = Array(word.unicodeScalars)
        func add(_ s: [Unicode.Scalar]) { if s.count >= 2 { out.append(String(String.UnicodeScalarView(s))) } }
        if let f = scalars.first, f == "\u{0648}" || f == "\u{0641}", scalars.count > 3 {  // و ف
            scalars.removeFirst()
            add(scalars)
        }
        if let f = scalars.first, scalars.count > 3 {
            if f == "\u{0644}", scalars.count > 2, scalars[1] == "\u{0644}" {  // لل → ال
                add(["\u{0627}"] + Array(scalars.dropFirst()))
                add(Array(scalars.dropFirst()))
            } else if f == "\u{0628}" || f == "\u{0644}" || f == "\u{0643}" {  // ب ل ك
                add(Array(scalars.dropFirst()))
            }
        }
        return out
    }
}
