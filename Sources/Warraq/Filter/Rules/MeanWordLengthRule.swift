/// `odd_word_length`: the mean word length in letters lies outside `filter.min_mean_word_length`…`max_…`.
struct MeanWordLengthRule: QualityRule {
    let minimum: Double?
    let maximum: Double?
    var reason: DropReason { .oddWordLength }
    func fails(_ doc: Document, _ input: FilterInput) -> Bool {
        let mean = input.meanWordLength(doc)
        if let minimum, mean < minimum { return true }
        if let maximum, mean > maximum { return true }
        return false
    }
}
