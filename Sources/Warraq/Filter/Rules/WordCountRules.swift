/// `too_few_words` (`filter.min_words`).
struct MinWordsRule: QualityRule {
    let minimum: Int
    var reason: DropReason { .tooFewWords }
    func fails(_ doc: Document, _ input: FilterInput) -> Bool { doc.wordCount < minimum }
}

/// `too_many_words` (`filter.max_words`).
struct MaxWordsRule: QualityRule {
    let maximum: Int
    var reason: DropReason { .tooManyWords }
    func fails(_ doc: Document, _ input: FilterInput) -> Bool { doc.wordCount > maximum }
}
