/// `language` and `language_score` (rounded to 4 decimals), by `LanguageIdentifier`.
struct LanguageAnnotator: Annotator {
    static let name: String? = "language"
    static let columns: [OutputColumn] = [
        .string("language", nullable: false) { $0.language },
        .double("language_score") { $0.languageScore },
    ]

    let identifier = LanguageIdentifier()

    func annotate(_ doc: inout Document, words: SearchWords) {
        let (language, score) = identifier.identify(title: doc.title, text: doc.text)
        doc.language = language
        doc.languageScore = (score * 10_000).rounded() / 10_000
    }
}
