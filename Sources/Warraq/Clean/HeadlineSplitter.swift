/// Finds the title, and a kicker above it, at the top of a plain-text article.
///
/// The first paragraph is the title, unless it is a short line above another short line that is
/// followed by body text: then the first is the kicker (e.g. «العلاقات الأمريكية - الروسية..») and the
/// second the title.
enum HeadlineSplitter {
    static func split(_ paragraphs: [String]) -> (kicker: String?, title: String?, body: [String]) {
        guard let first = paragraphs.first else { return (nil, nil, []) }
        if paragraphs.count >= 3 {
            let second = paragraphs[1]
            let w1 = words(first), w2 = words(second), w3 = words(paragraphs[2])
            let secondIsHeadline = w2 <= 20 && !second.hasSuffix(".") && w3 > w2
            if w1 <= 6 && w1 < w2 && secondIsHeadline { return (first, second, Array(paragraphs[2...])) }
        }
        return (nil, first, Array(paragraphs.dropFirst()))
    }

    private static func words(_ s: String) -> Int {
        s.split(whereSeparator: { $0 == " " }).count
    }
}
