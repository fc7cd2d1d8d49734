import Parquet

/// Finds the dates an article mentions, as ISO text: `YYYY-MM-DD`, `YYYY-MM` when the day is unknown,
/// `--MM-DD` when the year is unknown. Reads Gregorian month names (Egyptian/Gulf, Levantine, Maghrebi),
/// Hijri dates (converted to Gregorian), day lists («يومي 22 و23 أبريل الجاري»: two dates), numeric dates
/// (2021/04/22, 22-04-2021), Arabic-Indic digits and weekday names; a missing year comes from
/// `published_at`.
///
/// A weekday alone («الأربعاء», «يوم الخميس المقبل») is resolved against `published_at`: with «الماضي» it
/// is the last such day before publication, with «المقبل»/«القادم» the next one after it; without either,
/// it is the publication day itself, the day after it, or else the last such day before it (news
/// reports what happened). الأحد and الاثنين are also ordinary words («الاثنين»: the two), so they count
/// as weekdays only after يوم, صباح, مساء… or before الماضي/المقبل.
public struct DateExtractor: Sendable {
    private typealias Calendar = MonthNames.Calendar
    /// Normalized month names (one or two words) and what each is (`MonthNames.table`).
    private let months = MonthNames.table.keys
    private let monthInfo = MonthNames.table.months
    /// First words of two-word month names (كانون، تشرين، ربيع، جمادى، ذو، ذي).
    private let twoWordStarts: ByteKeyTable
    /// Weekday names; `weekdayNumber[i]` counts from Sunday = 0; `weekdayAmbiguous[i]` needs context.
    private let weekdays: ByteKeyTable
    private let weekdayNumber: [Int]
    private let weekdayAmbiguous: [Bool]
    /// Every word a month or weekday name starts with (weekdays also after و and ف): a word not in it
    /// starts none, which one lookup tells for most words.
    private let dateWords: ByteKeyTable
    /// Words around a weekday: before it (يوم, صباح…), and after it (past, next).
    private let dayWords: ByteKeyTable
    private let pastWords: ByteKeyTable
    private let nextWords: ByteKeyTable
    private let tomorrow: [UInt8], and: [UInt8], hijriMark: [UInt8], gregorianMark: [UInt8], corresponding: [UInt8]

    public init() {
        func key(_ s: String) -> [UInt8] { Array(Normalizer.search.normalize(s).utf8) }
        let months = MonthNames.table.keys
        twoWordStarts = ByteKeyTable(
            (0..<months.count).map { Array(months.key($0)) }.filter { $0.contains(0x20) }.map {
                Array($0.prefix { $0 != 0x20 })
            })
        let days = [["الأحد"], ["الاثنين", "الإثنين"], ["الثلاثاء"], ["الأربعاء"], ["الخميس"], ["الجمعة"], ["السبت"]]
        var weekdays = ByteKeyTable(capacity: 16)
        var number: [Int] = [], needsContext: [Bool] = []
        for (d, names) in days.enumerated() {
            for name in names where weekdays.insert(key(name)).inserted {
                number.append(d); needsContext.append(d <= 1)
            }
        }
        self.weekdays = weekdays
        var dateWords = ByteKeyTable(capacity: 128)
        for m in 0..<months.count { dateWords.insert(Array(months.key(m).prefix { $0 != 0x20 })) }
        for d in 0..<weekdays.count {
            let day = Array(weekdays.key(d))
            for prefix in [[], Clitics.waw, Clitics.fa] { dateWords.insert(prefix + day) }
        }
        self.dateWords = dateWords
        weekdayNumber = number
        weekdayAmbiguous = needsContext
        dayWords = ByteKeyTable(
            ["يوم", "صباح", "مساء", "ليلة", "ليل", "فجر", "ظهر", "عصر", "نهار", "منذ", "حتى", "غدا", "اليوم"].map(key))
        pastWords = ByteKeyTable(["الماضي", "الماضية", "الفائت", "المنصرم", "المنصرمة"].map(key))
        nextWords = ByteKeyTable(["المقبل", "المقبلة", "القادم", "القادمة"].map(key))
        tomorrow = key("غدا"); and = key("و"); hijriMark = key("ه"); gregorianMark = key("م");
        corresponding = key("الموافق")
    }

    /// The dates mentioned in `text`, in order of first mention, each once.
    /// - Parameter published: the article's `published_at`, for dates that leave out the year.
    public func dates(in text: String, published: Int64?) -> [String] {
        dates(in: SearchWords(title: nil, text: text), published: published)
    }

    /// The dates among the text's words (not the title's).
    func dates(in words: SearchWords, published: Int64?) -> [String] {
        let publishedDay = published.map { Int(CivilTime.day(ofMicros: $0)) }
        let publishedYear = publishedDay.map { CivilTime.civil(days: $0).year }
        var out: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { out.append(s) } }
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span
        // against it.
        words.bytes.withUnsafeBufferPointer { all in
            let first = words.titleWords, count = words.count
            func word(_ k: Int) -> UnsafeBufferPointer<UInt8> { words.word(k, in: all) }
            func isNumber(_ k: Int) -> Bool { words.spans[k].isNumber }
            func equals(_ k: Int, _ w: [UInt8]) -> Bool { k >= first && k < count && word(k).elementsEqual(w) }
            /// A day of the month (1–31) at `k`.
            func day(_ k: Int) -> Int? {
                guard k < count, isNumber(k), word(k).count <= 2, let d = ASCIIDigits.value(word(k)),
                    (1...31).contains(d)
                else { return nil }
                return d
            }
            var i = first
            while i < count {
                let w = word(i)
                if isNumber(i) {
                    if w.count >= 8, let iso = Self.numericDate(w) { add(iso) }
                    i += 1
                    continue
                }
                guard dateWords.contains(w, hash: words.spans[i].hash) else { i += 1; continue }
                if let (calendar, month, ambiguous, length) = monthAt(i, words, all) {
                    // Day numbers before the month: «22 و23 أبريل».
                    var days: [Int] = []
                    var j = i - 1
                    while j >= first {
                        if let d = day(j) { days.insert(d, at: 0); j -= 1; continue }
                        if equals(j, and) && !days.isEmpty { j -= 1; continue }
                        break
                    }
                    var k = i + length
                    var year: Int?
                    if k < count, isNumber(k), word(k).count == 4, let y = ASCIIDigits.value(word(k)) {
                        year = y; k += 1
                    }
                    var isHijri = calendar == .hijri
                    if equals(k, hijriMark) { isHijri = true; k += 1 } else if equals(k, gregorianMark) { k += 1 }
                    if isHijri {
                        let y = year ?? publishedDay.map(HijriCalendar.year(ofDays:))
                        if let y, calendar == .hijri {
                            for d in days {
                                if let g = HijriCalendar.days(year: y, month: month, day: d) {
                                    add(CivilTime.formatDate(Int32(g)))
                                }
                            }
                        }
                    } else if days.isEmpty {
                        let alone = length == 1 && ambiguous
                        if let y = year ?? (alone ? nil : publishedYear) { add(Self.iso(y, month, nil)) }
                    } else {
                        let y = year ?? publishedYear
                        for d in days where d <= CivilTime.daysInMonth(year: y ?? 2000, month: month) {
                            add(
                                y.map { Self.iso($0, month, d) } ?? "--" + String(month).leftPadded(to: 2) + "-"
                                    + String(d).leftPadded(to: 2))
                        }
                    }
                    i = k
                    continue
                }
                if let publishedDay, let (weekday, ambiguous) = weekdayAt(w, hash: words.spans[i].hash) {
                    // «الأربعاء 22 أبريل» and «الأربعاء الموافق …» give the date itself.
                    let dated = day(i + 1) != nil || equals(i + 1, corresponding)
                    let past = i + 1 < count && pastWords.contains(word(i + 1), hash: words.spans[i + 1].hash)
                    let next = i + 1 < count && nextWords.contains(word(i + 1), hash: words.spans[i + 1].hash)
                    let context = i - 1 >= first && dayWords.contains(word(i - 1), hash: words.spans[i - 1].hash)
                    if !dated && (!ambiguous || past || next || context) {
                        var delta = ((weekday - (publishedDay + 4) % 7) % 7 + 7) % 7  // 1970-01-01 was a Thursday
                        if past {
                            delta = delta == 0 ? -7 : delta - 7
                        } else if next {
                            delta = delta == 0 ? 7 : delta
                        } else if equals(i - 1, tomorrow) || delta <= 1 {
                        } else {
                            delta -= 7
                        }
                        add(CivilTime.formatDate(Int32(publishedDay + delta)))
                    }
                }
                i += 1
            }
        }
        return out
    }

    /// A month name at word `i` (two words first): its calendar, number, whether it is also an ordinary
    /// word, and how many words it takes.
    private func monthAt(_ i: Int, _ words: SearchWords, _ all: UnsafeBufferPointer<UInt8>) -> (
        Calendar, Int, Bool, Int
    )? {
        let w = words.word(i, in: all)
        guard w.count >= 4 else { return nil }
        let hash = words.spans[i].hash
        if i + 1 < words.count, twoWordStarts.contains(w, hash: hash) {
            var key = Array(w)
            key.append(0x20)
            key.append(contentsOf: words.word(i + 1, in: all))
            if let m = months.index(of: key) {
                return (monthInfo[m].calendar, monthInfo[m].number, monthInfo[m].ambiguous, 2)
            }
        }
        if let m = months.index(of: w, hash: hash) {
            return (monthInfo[m].calendar, monthInfo[m].number, monthInfo[m].ambiguous, 1)
        }
        return nil
    }

    /// One extractor for the process: its tables are built once, and every document builder shares it.
    static let shared = DateExtractor()

    /// The weekday a word names (after و or ف), and whether it is also an ordinary word.
    private func weekdayAt(_ w: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (Int, Bool)? {
        guard w.count >= 8 else { return nil }
        var found = weekdays.index(of: w, hash: hash)
        // Safety: `w.count >= 8` (the guard), so `w[0]`, `w[1]` and `w[2...]` are inside it.
        if found == nil, w[0] == 0xD9, w[1] == 0x88 || w[1] == 0x81 {
            found = weekdays.index(of: UnsafeBufferPointer(rebasing: w[2...]))
        }
        return found.map { (weekdayNumber[$0], weekdayAmbiguous[$0]) }
    }

    private static func iso(_ y: Int, _ m: Int, _ d: Int?) -> String {
        String(y).leftPadded(to: 4) + "-" + String(m).leftPadded(to: 2)
            + (d.map { "-" + String($0).leftPadded(to: 2) } ?? "")
    }

    /// 2021/04/22, 2021-04-22, 22/04/2021, 22-4-2021.
    static func numericDate(_ t: some Collection<UInt8>) -> String? {
        let parts = t.split(omittingEmptySubsequences: false) { $0 == 0x2F || $0 == 0x2D }
        guard parts.count == 3, let a = ASCIIDigits.value(parts[0]), let b = ASCIIDigits.value(parts[1]),
            let c = ASCIIDigits.value(parts[2])
        else { return nil }
        let (y, m, d) = parts[0].count == 4 ? (a, b, c) : (parts[2].count == 4 ? (c, b, a) : (0, 0, 0))
        guard (1900...2100).contains(y), (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m)
        else { return nil }
        return iso(y, m, d)
    }
}
