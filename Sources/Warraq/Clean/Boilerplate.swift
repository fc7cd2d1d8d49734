/// Removes boilerplate lines at an article's start and end: "read also", share/follow, source, rights and
/// tag lines, and lines of only URLs, e-mail addresses or hashtags. A line goes only when it is short
/// (at most `maxWords` words) and at the edge of the article, so a real sentence with such a word stays.
public struct BoilerplateOptions: Decodable, Sendable, Equatable {
    public var enabled = true
    /// Lines starting with one of these (compared after normalization: أيضاً = ايضا) are boilerplate.
    public var prefixes = [
        "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "شاهد أيضا", "اقرأ المزيد", "للمزيد", "المصدر", "مصدر الخبر",
        "شارك", "شارك الخبر", "تابعونا", "تابعوا", "تابعنا على", "جميع الحقوق محفوظة", "حقوق النشر",
        "سمات", "الوسوم", "كلمات مفتاحية", "رابط مختصر", "طباعة", "أرسل لصديق", "©",
    ]
    public var maxWords = 12

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, prefixes, maxWords = "max_words" }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BoilerplateOptions()
        enabled = try c.decode(.enabled, or: d.enabled)
        prefixes = try c.decode(.prefixes, or: d.prefixes)
        maxWords = try c.decode(.maxWords, or: d.maxWords)
    }
}

struct BoilerplateRemover: Sendable {
    let options: BoilerplateOptions
    private let prefixes: [[UInt8]]
    private let normalizer = Normalizer.boilerplate

    init(options: BoilerplateOptions) {
        self.options = options
        prefixes = options.prefixes.map {
            Array(Normalizer.boilerplate.normalize($0).trimmingCharacters(in: .whitespaces).utf8)
        }.filter { !$0.isEmpty }
    }

    /// The paragraphs without boilerplate at either end; the number removed.
    func strip(_ paragraphs: [String]) -> ([String], Int) {
        let kept = keptRange(paragraphs.count) { isBoilerplate(paragraphs[$0]) }
        return (Array(paragraphs[kept]), paragraphs.count - kept.count)
    }

    /// The paragraphs of `text` in `range` that are not boilerplate at either end.
    func kept(_ text: CleanedText, in range: Range<Int>) -> Range<Int> {
        // Most lines are long: their bytes say so without a string.
        let kept = keptRange(range.count) { i in
            text.withParagraphBytes(range.lowerBound + i, isShort)
                && isBoilerplate(text.paragraph(range.lowerBound + i))
        }
        return (range.lowerBound + kept.lowerBound)..<(range.lowerBound + kept.upperBound)
    }

    private func keptRange(_ count: Int, _ isBoilerplateAt: (Int) -> Bool) -> Range<Int> {
        guard options.enabled else { return 0..<count }
        var start = 0, end = count
        while start < end && isBoilerplateAt(start) { start += 1 }
        while end > start && isBoilerplateAt(end - 1) { end -= 1 }
        return start..<end
    }

    func isBoilerplate(_ line: String) -> Bool {
        // Count spaces on bytes first: most lines are long and end here.
        var line = line
        guard line.withUTF8(isShort) else { return false }
        let words = line.split(separator: " ")
        if words.allSatisfy({ Self.isLinkLike($0) }) { return true }
        let n = Array(normalizer.normalize(line).utf8)
        return prefixes.contains { n.starts(with: $0) }
    }

    /// Whether a line has fewer than `maxWords` spaces (one line: words are separated by single spaces).
    private func isShort(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var spaces = 0
        for b in bytes where b == 0x20 { spaces += 1; if spaces >= options.maxWords { return false } }
        return true
    }

    /// A URL, an e-mail address, a hashtag or a handle.
    static func isLinkLike(_ w: Substring) -> Bool {
        w.hasPrefix("http://") || w.hasPrefix("https://") || w.hasPrefix("www.") || w.hasPrefix("#") || w.hasPrefix("@")
            || (w.contains("@") && w.contains(".")) || w == "|" || w == "-"
    }
}

import Foundation
