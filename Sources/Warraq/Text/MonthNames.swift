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

    /// The Gregorian month (1–12) a word in its search form names, for the one-word names (يوليو, تموز, جويلية…).
    static func gregorianMonth(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        gregorianTable.table.index(of: word).map { gregorianTable.month[$0] }
    }

    private static let gregorianTable: (table: ByteKeyTable, month: [Int]) = {
        var table = ByteKeyTable(capacity: 64)
        var month: [Int] = []
        for (i, names) in gregorian.enumerated() {
            for name in names where table.insert(Array(Normalizer.search.normalize(name).utf8)).inserted {
                month.append(i + 1)
            }
        }
        return (table, month)
    }()
}
