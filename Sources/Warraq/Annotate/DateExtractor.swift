/// Finds the dates an article mentions, as ISO text: `YYYY-MM-DD`, `YYYY-MM` when the day is unknown,
/// `--MM-DD` when the year is unknown. Reads Gregorian month names (Egyptian/Gulf, Levantine, Maghrebi),
/// Hijri dates (converted to Gregorian), day lists («يومي 22 و23 أبريل الجاري»: two dates), numeric dates
/// (2021/04/22, 22-04-2021) and Arabic-Indic digits; a missing year comes from `published_at`.
/// Weekday names alone («الأربعاء») are not resolved to dates.
public struct DateExtractor: Sendable {
    private enum Calendar { case gregorian, hijri }
    /// Normalized month name (one or two words) → (calendar, month).
    private let months: [String: (Calendar, Int)]
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
    /// Month names that are also ordinary words (مارس "practised", آب/أب "father", غشت "fraud"…): they count
    /// as months only next to a day or a year.
    private let ambiguous: Set<String>

    public init() {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        var m: [String: (Calendar, Int)] = [:]
        let gregorian: [[String]] = [
            ["يناير", "كانون الثاني", "جانفي"], ["فبراير", "شباط", "فيفري"], ["مارس", "آذار"], ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل"],
            ["مايو", "أيار", "ماي"], ["يونيو", "يونيه", "حزيران", "جوان"], ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز"],
            ["أغسطس", "آب", "أوت", "غشت"], ["سبتمبر", "أيلول", "شتنبر"], ["أكتوبر", "تشرين الأول"],
            ["نوفمبر", "تشرين الثاني", "نونبر"], ["ديسمبر", "كانون الأول", "دجنبر"],
        ]
        let hijri: [[String]] = [
            ["محرم"], ["صفر"], ["ربيع الأول"], ["ربيع الآخر", "ربيع الثاني"], ["جمادى الأولى", "جمادى الأول"],
            ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"], ["رجب"], ["شعبان"], ["رمضان"], ["شوال"], ["ذو القعدة", "ذي القعدة"],
            ["ذو الحجة", "ذي الحجة"],
        ]
        for (i, names) in gregorian.enumerated() { for name in names { m[n.normalize(name)] = (.gregorian, i + 1) } }
        for (i, names) in hijri.enumerated() { for name in names { m[n.normalize(name)] = (.hijri, i + 1) } }
        months = m
        ambiguous = Set(["مارس", "ماي", "آب", "أوت", "غشت"].map(n.normalize))
    }

    /// The dates mentioned in `text`, in order of first mention, each once.
    /// - Parameter published: the article's `published_at`, for dates that leave out the year.
    public func dates(in text: String, published: Int64?) -> [String] {
        let tokens = Self.tokens(normalizer.normalize(text))
        let publishedDay = published.map { Int(CivilTime.day(ofMicros: $0)) }
        let publishedYear = publishedDay.map { CivilTime.civil(days: $0).year }
        var out: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { out.append(s) } }
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if let iso = Self.numericDate(t) { add(iso); i += 1; continue }
            // A month name (two words first), possibly after day numbers.
            guard let (calendar, month, length) = monthAt(tokens, i) else { i += 1; continue }
            var days: [Int] = []
            var j = i - 1
            while j >= 0 {
                if let d = Int(tokens[j]), (1...31).contains(d), tokens[j].count <= 2 { days.insert(d, at: 0); j -= 1; continue }
                if tokens[j] == "و" && !days.isEmpty { j -= 1; continue }
                break
            }
            var k = i + length
            var year: Int?
            if k < tokens.count, let y = Int(tokens[k]), tokens[k].count == 4 { year = y; k += 1 }
            var isHijri = calendar == .hijri
            if k < tokens.count, tokens[k] == "ه" { isHijri = true; k += 1 } else if k < tokens.count, tokens[k] == "م" { k += 1 }
            if isHijri {
                let y = year ?? publishedDay.map(HijriCalendar.year(ofDays:))
                if let y, calendar == .hijri {
                    for d in days { if let g = HijriCalendar.days(year: y, month: month, day: d) { add(CivilTime.formatDate(Int32(g))) } }
                }
            } else if days.isEmpty {
                let alone = length == 1 && ambiguous.contains(tokens[i])
                if let y = year ?? (alone ? nil : publishedYear) { add(String(y).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2)) }
            } else {
                let y = year ?? publishedYear
                for d in days where d <= CivilTime.daysInMonth(year: y ?? 2000, month: month) {
                    if let y { add(String(y).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)) }
                    else { add("--" + String(month).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)) }
                }
            }
            i = k
        }
        return out
    }

    private func monthAt(_ tokens: [String], _ i: Int) -> (Calendar, Int, Int)? {
        if i + 1 < tokens.count, let m = months[tokens[i] + " " + tokens[i + 1]] { return (m.0, m.1, 2) }
        if let m = months[tokens[i]] { return (m.0, m.1, 1) }
        return nil
    }

    /// 2021/04/22, 2021-04-22, 22/04/2021, 22-4-2021.
    static func numericDate(_ t: String) -> String? {
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let a = Int(parts[0])!, b = Int(parts[1])!, c = Int(parts[2])!
        let (y, m, d) = parts[0].count == 4 ? (a, b, c) : (parts[2].count == 4 ? (c, b, a) : (0, 0, 0))
        guard (1900...2100).contains(y), (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        return String(y) + "-" + String(m).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)
    }

    /// Words, numbers (split from letters: «و23» is «و», «23») and numeric dates with / or - inside.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var kind = 0  // 1 letters, 2 digits
        func flush() { if !current.isEmpty { out.append(String(current)) }; current = String.UnicodeScalarView(); kind = 0 }
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            let isDigit = c.value >= 0x30 && c.value <= 0x39
            let isLetter = !isDigit && TextStatistics.isLetter(c)
            if isDigit {
                if kind == 1 { flush() }
                kind = 2; current.append(c)
            } else if isLetter {
                if kind == 2 { flush() }
                kind = 1; current.append(c)
            } else if (c == "/" || c == "-") && kind == 2 && i + 1 < scalars.count && scalars[i + 1].value >= 0x30 && scalars[i + 1].value <= 0x39 {
                current.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }
}
