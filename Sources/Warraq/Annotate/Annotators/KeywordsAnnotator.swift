/// `keywords`: the article's most frequent content words (`KeywordExtractor`).
struct KeywordsAnnotator: Annotator {
    static let name: String? = "keywords"
    static let columns: [OutputColumn] = [.stringList("keywords") { $0.keywords }]

    let extractor = KeywordExtractor()

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.keywords = extractor.keywords(words, title: doc.title, text: doc.text)
    }
}
