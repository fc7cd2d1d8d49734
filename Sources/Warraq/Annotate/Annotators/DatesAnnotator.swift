/// `dates_mentioned`: the dates the text names (`DateExtractor`), resolved against `published_at`.
struct DatesAnnotator: Annotator {
    static let name: String? = "dates"
    static let columns: [OutputColumn] = [.stringList("dates_mentioned") { $0.datesMentioned }]

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.datesMentioned = DateExtractor.shared.dates(in: words, published: doc.publishedAt)
    }
}
