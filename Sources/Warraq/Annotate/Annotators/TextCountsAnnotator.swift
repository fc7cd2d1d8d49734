/// `char_count`, `word_count`, `sentence_count` (from the words' pass) and `paragraph_count` (from the cleaner).
struct TextCountsAnnotator: Annotator {
    static let name: String? = nil
    static let columns: [OutputColumn] = [
        .int32("char_count") { $0.charCount },
        .int32("word_count") { $0.wordCount },
        .int32("sentence_count") { $0.sentenceCount },
        .int32("paragraph_count") { $0.paragraphCount },
    ]

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.charCount = words.counts.chars
        doc.wordCount = words.counts.words
        doc.sentenceCount = words.counts.sentences
    }
}
