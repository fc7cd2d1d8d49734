import Parquet

/// Finds people, places and organizations in text by their names in the gazetteers (`Gazetteers/`),
/// matched on normalized words, longest name first, with the clitics و ف ب ل ك stripped from a name's
/// first word (so «وموسكو» finds موسكو, «للكرملين» finds الكرملين).
public struct Gazetteer: Sendable {

    /// Normalized words of a name, joined by spaces; `matches[i]` is what key `i` names.
    private let names: ByteKeyTable
    private let matches: [EntityMention]
    /// The number of each key's canonical name: spellings of one name share it.
    private let nameNumber: [Int32]
    /// The first words of all names, with the most words a name starting with each has: a word
    /// (clitics stripped) that is not one starts no name.
    private let firstWords: ByteKeyTable
    private let longestFrom: [Int]
    /// Every written form of a first word, with and without proclitics: a word not in it starts no name,
    /// which one lookup tells for most words.
    private let surfaceForms: ByteKeyTable
    private let surfaceFilter: HashFilter

    /// The gazetteers shipped with Warraq.
    public static let shared = Gazetteer(tables: [
        (.person, peopleTable), (.place, placesTable), (.organization, organizationsTable),
    ])

    init(tables: [(EntityMention.Kind, String)]) {
        var names = ByteKeyTable(capacity: 1024), firstWords = ByteKeyTable(capacity: 1024)
        var matches: [EntityMention] = [], longestFrom: [Int] = [], nameNumber: [Int32] = []
        var numbers: [String: Int32] = [:]
        for (kind, table) in tables {
            for line in table.split(separator: "\n") where !line.isEmpty {
                let parts = line.split(separator: "\t", maxSplits: 1)
                let canonical = String(parts[0])
                var variants = [canonical]
                if parts.count > 1 { variants += parts[1].split(separator: "|").map(String.init) }
                for v in variants {
                    let words = SearchWords(title: nil, text: v)
                    guard words.count > 0 else { continue }
                    var key: [UInt8] = []
                    words.bytes.withUnsafeBufferPointer { all in
                        for i in 0..<words.count {
                            if i > 0 { key.append(0x20) }
                            key.append(contentsOf: words.word(i, in: all))
                        }
                    }
                    guard names.insert(key).inserted else { continue }
                    matches.append(EntityMention(name: canonical, kind: kind))
                    if numbers[canonical] == nil { numbers[canonical] = Int32(numbers.count) }
                    nameNumber.append(numbers[canonical]!)
                    let first = firstWords.insert(Array(key.prefix { $0 != 0x20 }))
                    if first.inserted {
                        longestFrom.append(words.count)
                    } else {
                        longestFrom[first.index] = max(longestFrom[first.index], words.count)
                    }
                }
            }
        }
        self.names = names
        self.matches = matches
        self.nameNumber = nameNumber
        self.firstWords = firstWords
        self.longestFrom = longestFrom
        var surface = ByteKeyTable(capacity: 16 * firstWords.count)
        let proclitics: [[UInt8]] = [[], Clitics.waw, Clitics.fa]
        let prepositions: [[UInt8]] = [[], Clitics.ba, Clitics.lam, Clitics.kaf]
        for f in 0..<firstWords.count {
            let word = Array(firstWords.key(f))
            var stems = [word]
            // «لل» before a word of the article: للكرملين → الكرملين.
            if word.starts(with: Clitics.alef + Clitics.lam) { stems.append(Clitics.lam + word.dropFirst(2)) }
            for p in proclitics { for q in prepositions { for stem in stems { surface.insert(p + q + stem) } } }
        }
        surfaceForms = surface
        surfaceFilter = surface.filter()
    }

    /// The names in `text` (cleaned or normalized), each once, in order of first mention.
    public func find(in text: String) -> [EntityMention] { find(in: SearchWords(title: nil, text: text)) }

    /// The names among `words` (title and text), each once, in order of first mention.
    func find(in words: SearchWords) -> [EntityMention] {
        var found: [EntityMention] = []
        var seen: [Int32] = []  // the names found, by number (a few per article)
        // For each of a word's (at most four) forms that start a name: that form and the words after it,
        // joined by spaces, and where each word ends, so that every length is one lookup of a prefix.
        var keys = [[UInt8]](repeating: [], count: 4), ends = [[Int]](repeating: [], count: 4),
            longest = [Int](repeating: 0, count: 4)
        for k in 0..<4 { keys[k].reserveCapacity(256); ends[k].reserveCapacity(16) }
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span
        // against it. Each key's `ends` are offsets into that key, appended as it grew.
        words.bytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < words.count {
                var matched = 0
                let span = words.spans[i]
                if !span.isNumber, surfaceFilter.mayContain(span.hash),
                    surfaceForms.contains(words.word(i, in: all), hash: span.hash)
                {
                    let forms = Clitics.candidates(in: all, Int(span.start), Int(span.end))
                    var starting = 0, most = 0
                    for c in 0..<forms.count {
                        let form = forms[c]
                        keys[starting].removeAll(keepingCapacity: true)
                        form.append(in: all, to: &keys[starting])
                        guard let f = keys[starting].withUnsafeBufferPointer({ firstWords.index(of: $0) }) else {
                            continue
                        }
                        longest[starting] = min(longestFrom[f], words.count - i)
                        most = max(most, longest[starting])
                        ends[starting].removeAll(keepingCapacity: true)
                        ends[starting].append(keys[starting].count)
                        for k in (i + 1)..<(i + longest[starting]) {
                            keys[starting].append(0x20)
                            keys[starting].append(contentsOf: words.word(k, in: all))
                            ends[starting].append(keys[starting].count)
                        }
                        starting += 1
                    }
                    // The longest name first; among forms of one length, the word as written first.
                    search: for n in stride(from: most, through: 1, by: -1) {
                        for c in 0..<starting where longest[c] >= n {
                            let m = keys[c].withUnsafeBufferPointer {
                                names.index(of: UnsafeBufferPointer(rebasing: $0[0..<ends[c][n - 1]]))
                            }
                            if let m {
                                if !seen.contains(nameNumber[m]) {
                                    seen.append(nameNumber[m]); found.append(matches[m])
                                }
                                matched = n
                                break search
                            }
                        }
                    }
                }
                i += max(matched, 1)
            }
        }
        return found
    }
}
