import Parquet

/// `repeated_lines`: more of the real lines (three words or more) repeat another than
/// `filter.max_repeated_line_share`. Lines of a few words ("* *", "-", a byline) repeat in real articles.
struct RepeatedLinesRule: QualityRule {
    let maximumShare: Double
    var reason: DropReason { .repeatedLines }

    func fails(_ doc: Document, _ input: FilterInput) -> Bool {
        let kept = input.body
        guard kept.count >= 3 else { return false }
        var seen = ByteKeyTable(capacity: kept.count), repeated = 0, lines = 0
        for p in kept {
            input.paragraphs.withParagraphBytes(p) { b in
                var spaces = 0
                for c in b where c == 0x20 {
                    spaces += 1
                    if spaces == 2 { break }
                }
                guard spaces >= 2 else { return }
                lines += 1
                if !seen.insert(b).inserted { repeated += 1 }
            }
        }
        return lines >= 3 && Double(repeated) / Double(lines) > maximumShare
    }
}
