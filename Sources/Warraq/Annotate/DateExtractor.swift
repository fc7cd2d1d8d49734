/// Finds the dates an article mentions, as ISO text: `YYYY-MM-DD`, `YYYY-MM` when the day is unknown,
/// `--MM-DD` when the year is unknown. Reads Gregorian month names (Egyptian/Gulf, Levantine, Maghrebi),
/// Hijri dates (converted to Gregorian), day lists («يومي 22 و23 أبريل الجاري»: two dates), numeric dates
/// (2021/04/22, 22-04-2021) and Arabic-Indic digits; a missing year comes from `published_at`.
/// Weekday names alone («الأربعاء») are not resolved to dates.
public struct DateExtractor: Sendable {
    private enum Calendar { case gregorian, hijri }
    /// Normalized month name (one or two words) → (calendar, month).
    private let months: [Word: (Calendar, Int)]
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
    /// Month names that are also ordinary words (مارس "practised", آب/أب "father", غشت "fraud"…): they count
    /// as months only next to a day or a year.
    private let ambiguous: Set<Word>
    /// First words of two-word month names (كانون، تشرين، ربيع، جمادى، ذو، ذي).
    private let twoWordStarts: Set<Word>

    public init() {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        var m: [Word: (Calendar, Int)] = [:]
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
        for (i, names) in gregorian.enumerated() { for name in names { m[Word(n.normalize(name))] = (.gregorian, i + 1) } }
        for (i, names) in hijri.enumerated() { for name in names { m[Word(n.normalize(name))] = (.hijri, i + 1) } }
        months = m
        twoWordStarts = Set(m.keys.filter { $0.bytes.contains(0x20) }.map { Word($0.bytes.prefix { $0 != 0x20 }) })
        ambiguous = Set(["مارس", "ماي", "آب", "أوت", "غشت"].map { Word(n.normalize($0)) })
    }

    /// The dates mentioned in `text`, in order of first mention, each once.
    /// - Parameter published: the article's `published_at`, for dates that leave out the year.
    public func dates(in text: String, published: Int64?) -> [String] {
        dates(inNormalized: normalizer.normalize(text), published: published)
    }

    /// Like `dates(in:published:)`, for text already normalized with the search steps.
    public func dates(inNormalized normalized: String, published: Int64?) -> [String] {
        let found = WordTokenizer.tokens(normalized, keepNumbers: true)
        let words = found.map(\.word)
        let publishedDay = published.map { Int(CivilTime.day(ofMicros: $0)) }
        let publishedYear = publishedDay.map { CivilTime.civil(days: $0).year }
        var out: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { out.append(s) } }
        var i = 0
        // Numbers are the only tokens read as text.
        let number = { (k: Int) -> String? in found[k].isNumber ? found[k].word.string : nil }
        while i < found.count {
            if found[i].isNumber {
                if found[i].word.bytes.count >= 8, let iso = Self.numericDate(found[i].word.string) { add(iso) }
                i += 1
                continue
            }
            // A month name (two words first), possibly after day numbers.
            guard found[i].word.bytes.count >= 4, let (calendar, month, length) = monthAt(words, i) else { i += 1; continue }
            var days: [Int] = []
            var j = i - 1
            let waw = Word("و")
            while j >= 0 {
                if let t = number(j), t.utf8.count <= 2, let d = Int(t), (1...31).contains(d) { days.insert(d, at: 0); j -= 1; continue }
                if words[j] == waw && !days.isEmpty { j -= 1; continue }
                break
            }
            var k = i + length
            var year: Int?
            if k < found.count, let t = number(k), t.utf8.count == 4, let y = Int(t) { year = y; k += 1 }
            var isHijri = calendar == .hijri
            if k < found.count, words[k] == Word("ه") { isHijri = true; k += 1 } else if k < found.count, words[k] == Word("م") { k += 1 }
            if isHijri {
                let y = year ?? publishedDay.map(HijriCalendar.year(ofDays:))
                if let y, calendar == .hijri {
                    for d in days { if let g = HijriCalendar.days(year: y, month: month, day: d) { add(CivilTime.formatDate(Int32(g))) } }
                }
            } else if days.isEmpty {
                let alone = length == 1 && ambiguous.contains(words[i])
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

    private func monthAt(_ words: [Word], _ i: Int) -> (Calendar, Int, Int)? {
        if i + 1 < words.count, twoWordStarts.contains(words[i]), let m = months[words[i].appending(words[i + 1])] { return (m.0, m.1, 2) }
        if let m = months[words[i]] { return (m.0, m.1, 1) }
        return nil
    }

    /// 2021/04/22, 2021-04-22, 22/04/2021, 22-4-2021.
    static func numericDate(_ t: String) -> String? {
        guard t.utf8.count >= 8, t.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }) else { return nil }
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let a = Int(parts[0])!, b = Int(parts[1])!, c = Int(parts[2])!
        let (y, m, d) = parts[0].count == 4 ? (a, b, c) : (parts[2].count == 4 ? (c, b, a) : (0, 0, 0))
        guard (1900...2100).contains(y), (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        return String(y) + "-" + String(m).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)
    }

}
