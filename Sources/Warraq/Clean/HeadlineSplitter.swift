/// Finds the title, and a kicker above it, at the top of a plain-text article.
///
/// The first paragraph is the title, unless it is a short line above another short line that is
/// followed by body text: then the first is the kicker (e.g. «العلاقات الأمريكية - الروسية..») and the
/// second the title.
enum HeadlineSplitter {
    /// The kicker and title of `text`, and the first paragraph of the body.
    static func split(_ text: CleanedText) -> (kicker: String?, title: String?, bodyStart: Int) {
        guard text.count > 0 else { return (nil, nil, 0) }
        let first = text.paragraph(0)
        if text.count >= 3 {
            let second = text.paragraph(1)
            let w1 = words(first), w2 = words(second), w3 = words(text.paragraph(2))
            let secondIsHeadline = w2 <= 20 && !second.hasSuffix(".") && w3 > w2
            if w1 <= 6 && w1 < w2 && secondIsHeadline { return (first, second, 2) }
        }
        return (nil, first, 1)
    }

    private static func words(_ s: String) -> Int {
        s.split(whereSeparator: { $0 == " " }).count
    }
}
