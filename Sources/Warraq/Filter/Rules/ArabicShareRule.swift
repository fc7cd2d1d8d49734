/// `not_arabic`: fewer of the letters are Arabic than `filter.min_arabic_share`.
struct ArabicShareRule: QualityRule {
    let minimum: Double
    var reason: DropReason { .notArabic }
    func fails(_ doc: Document, _ input: FilterInput) -> Bool { input.arabicShare < minimum }
}
