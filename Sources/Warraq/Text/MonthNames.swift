import Parquet

/// The Arabic names of the months, Gregorian (Egyptian, Levantine and Maghrebi forms) and Hijri, one list per
/// month: the one home of the names that the date extractor and the parser of records' dates both read.
enum MonthNames {
    static let gregorian: [[String]] = [
        ["يناير", "كانون الثاني", "جانفي"], ["فبراير", "شباط", "فيفري"], ["مارس", "آذار"],
        ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل"], ["مايو", "أيار", "ماي"], ["يونيو", "يونيه", "حزيران", "جوان"],
        ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز"], ["أغسطس", "آب", "أوت", "غشت"], ["سبتمبر", "أيلول", "شتنبر"],
        ["أكتوبر", "تشرين الأول"], ["نوفمبر", "تشرين الثاني", "نونبر"], ["ديسمبر", "كانون الأول", "دجنبر"],
    ]
    static let hijri: [[String]] = [
        ["محرم"], ["صفر"], ["ربيع الأول"], ["ربيع الآخر", "ربيع الثاني"], ["جمادى الأولى", "جمادى الأول"],
        ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"], ["رجب"], ["شعبان"], ["رمضان"], ["شوال"],
        ["ذو القعدة", "ذي القعدة"], ["ذو الحجة", "ذي الحجة"],
    ]
    /// Month names that are also ordinary words (مارس "practised", آب/أب "father", غشت "fraud"…): they count as
    /// months only next to a day or a year.
    static let ambiguous = ["مارس", "ماي", "آب", "أوت", "غشت"]

    enum Calendar: Sendable { case gregorian, hijri }

    /// What a month name names.
    struct Month: Sendable {
        var calendar: Calendar
        /// 1–12.
        var number: Int
        /// Also an ordinary word (`ambiguous`).
        var ambiguous: Bool
    }

    /// Every month name of both calendars in its search form (one or two words joined by a space), and
    /// `months[i]`, what key `i` names. Built once, for the date extractor and the parser of records' dates.
    static let table: (keys: ByteKeyTable, months: [Month]) = {
        func key(_ s: String) -> [UInt8] { Array(Normalizer.search.normalize(s).utf8) }
        let ambiguousKeys = Set(ambiguous.map(key))
        var keys = ByteKeyTable(capacity: 64)
        var months: [Month] = []
        for (calendar, names) in [(Calendar.gregorian, gregorian), (.hijri, hijri)] {
            for (i, spellings) in names.enumerated() {
                for name in spellings where keys.insert(key(name)).inserted {
                    months.append(
                        Month(calendar: calendar, number: i + 1, ambiguous: ambiguousKeys.contains(key(name))))
                }
            }
        }
        return (keys, months)
    }()

    /// The Gregorian month (1–12) a word in its search form names, for the one-word names (يوليو, تموز, جويلية…).
    static func gregorianMonth(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let i = table.keys.index(of: word), table.months[i].calendar == .gregorian else { return nil }
        return table.months[i].number
    }
}
