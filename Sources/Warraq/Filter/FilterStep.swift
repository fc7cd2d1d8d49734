/// The filter step: the quality rules the pipeline file sets, in order; the first a document fails drops it, for
/// that rule's reason.
struct FilterStep: Sendable {
    let rules: [any QualityRule]

    init(options: FilterOptions) { rules = options.enabled ? Self.rules(options) : [] }

    /// The rules in the order they are tried (an empty text is always dropped).
    static func rules(_ o: FilterOptions) -> [any QualityRule] {
        var rules: [any QualityRule] = [EmptyTextRule()]
        if let m = o.minWords { rules.append(MinWordsRule(minimum: m)) }
        if let m = o.maxWords { rules.append(MaxWordsRule(maximum: m)) }
        if let m = o.minArabicShare { rules.append(ArabicShareRule(minimum: m)) }
        if o.minMeanWordLength != nil || o.maxMeanWordLength != nil {
            rules.append(MeanWordLengthRule(minimum: o.minMeanWordLength, maximum: o.maxMeanWordLength))
        }
        if let m = o.minStopwords { rules.append(StopwordsRule(minimum: m)) }
        if let m = o.maxRepeatedLineShare { rules.append(RepeatedLinesRule(maximumShare: m)) }
        return rules
    }

    /// Why `doc` is dropped, or nil to keep it.
    func dropReason(_ doc: Document, _ input: FilterInput) -> DropReason? {
        rules.first { $0.fails(doc, input) }?.reason
    }
}
