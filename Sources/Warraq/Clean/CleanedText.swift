/// An article's cleaned text: its paragraphs (each one line, none empty) joined by blank lines, and where
/// each paragraph is. One string for all of them: the stages that follow take whole runs of paragraphs.
public struct CleanedText: Sendable {
    /// The paragraphs joined by "\n\n".
    public let text: String
    /// Where each paragraph is in `text`, in UTF-8 offsets.
    public let ranges: [Range<Int>]

    init(text: String, ranges: [Range<Int>]) {
        self.text = text
        self.ranges = ranges
    }

    public var count: Int { ranges.count }

    /// Paragraph `i`.
    public func paragraph(_ i: Int) -> String { slice(ranges[i]) }

    /// Every paragraph.
    public var paragraphs: [String] { ranges.map(slice) }

    /// Paragraphs `range` joined by blank lines (all of them: `text` itself, not a copy).
    public func text(of range: Range<Int>) -> String {
        if range == 0..<count { return text }
        guard !range.isEmpty else { return "" }
        return slice(ranges[range.lowerBound].lowerBound..<ranges[range.upperBound - 1].upperBound)
    }

    /// Calls `body` with the UTF-8 bytes of paragraph `i`.
    func withParagraphBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        // Safety: `ranges` were recorded by the writer of `text` and lie within its bytes.
        return text.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[ranges[i]])) }
    }

    /// The text between two UTF-8 offsets on character boundaries (copied without validating again).
    private func slice(_ r: Range<Int>) -> String {
        let u = text.utf8
        let a = u.index(u.startIndex, offsetBy: r.lowerBound), b = u.index(a, offsetBy: r.count)
        return String(text[a..<b])
    }
}
