/// `empty_text`: nothing is left of the text after cleaning. Always on.
struct EmptyTextRule: QualityRule {
    var reason: DropReason { .emptyText }
    func fails(_ doc: Document, _ input: FilterInput) -> Bool { doc.text.isEmpty }
}
