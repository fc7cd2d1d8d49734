/// Reads a record's publication date in the forms news datasets use, into microseconds since the epoch (UTC):
/// ISO 8601 (`2015-07-23`, `2015-07-23T10:11:12.5Z`, `…+03:00`, a space for `T`), SaudiNewsNet's
/// `2015-07-23 10:11:12`, `2015/07/23`, `23/07/2015`, RFC 2822 (`Thu, 23 Jul 2015 10:11:12 +0300`),
/// `July 23, 2015`, Arabic month names with Arabic or Arabic-Indic digits (`الخميس 23 يوليو 2015 - 10:30 م`,
/// `٢٣ تموز ٢٠١٥`), and Unix epochs in seconds or milliseconds. A time without a zone is taken as UTC.
public enum DateParsing {
    public static func parse(_ value: JSONValue?) -> Int64? {
        switch value {
        case .number(let n)?: return epoch(n)
        case .string(let s)?: return parse(s)
        default: return nil
        }
    }

    public static func parse(_ raw: String) -> Int64? {
        let s = raw.trimmedOfWhitespace
        guard !s.isEmpty, s.utf8.count <= 64 else { return nil }
        if s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return s.utf8.count >= 9 ? epoch(s) : nil }
        if let v = iso(s) { return v }
        if let v = rfc2822(s) { return v }
        return monthNameDate(s) ?? arabicMonthDate(s)
    }

    private static func epoch(_ n: String) -> Int64? {
        guard let v = Double(n), v.isFinite, v > 0 else { return nil }
        // Milliseconds past about 2001-09 in seconds; seconds before.
        let seconds = v > 1e11 ? v / 1000 : v
        guard seconds < 1e11 else { return nil }
        return Int64((seconds * 1_000_000).rounded())
    }

    private static func digits(_ u: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= u.count, !range.isEmpty else { return nil }
        var v = 0
        for i in range {
            guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
            v = v * 10 + Int(u[i] - 0x30)
        }
        return v
    }

    private static func make(
        _ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ sec: Int = 0, micros: Int = 0,
        offsetMinutes: Int = 0
    ) -> Int64? {
        guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m),
            (0..<24).contains(h), (0..<60).contains(mi), (0..<61).contains(sec), (0..<1_000_000).contains(micros),
            (-14 * 60...14 * 60).contains(offsetMinutes)
        else { return nil }
        let days = Int64(CivilTime.days(year: y, month: m, day: d))
        let seconds = days * 86_400 + Int64(h * 3600 + mi * 60 + min(sec, 59)) - Int64(offsetMinutes * 60)
        return seconds * 1_000_000 + Int64(micros)
    }

    /// YYYY-MM-DD or YYYY/MM/DD, then optionally [T ]HH:MM[:SS[.f+]] and Z or ±HH[:]MM; or DD/MM/YYYY.
    private static func iso(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        if u.count >= 10, u[2] == 0x2F || u[2] == 0x2D, u[5] == u[2], let d = digits(u, 0..<2),
            let m = digits(u, 3..<5), let y = digits(u, 6..<10)
        {
            return u.count == 10 ? make(y, m, d) : nil
        }
        guard u.count >= 10, u[4] == 0x2D || u[4] == 0x2F, u[7] == u[4],
            let y = digits(u, 0..<4), let m = digits(u, 5..<7), let d = digits(u, 8..<10)
        else { return nil }
        if u.count == 10 { return make(y, m, d) }
        guard u.count >= 16, u[10] == 0x54 || u[10] == 0x20, u[13] == 0x3A,
            let h = digits(u, 11..<13), let mi = digits(u, 14..<16)
        else { return nil }
        var i = 16
        var sec = 0, micros = 0
        if i < u.count && u[i] == 0x3A {
            guard let s = digits(u, (i + 1)..<(i + 3)) else { return nil }
            sec = s
            i += 3
            if i < u.count && (u[i] == 0x2E || u[i] == 0x2C) {
                i += 1
                var scale = 100_000
                while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 {
                    micros += Int(u[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        while i < u.count && u[i] == 0x20 { i += 1 }
        var offset = 0
        if i < u.count {
            let rest = Array(u[i...])
            if rest == [0x5A] || rest == Array("UTC".utf8) || rest == Array("GMT".utf8) {
                offset = 0
            } else if let o = zoneOffset(rest) {
                offset = o
            } else {
                return nil
            }
        }
        return make(y, m, d, h, mi, sec, micros: micros, offsetMinutes: offset)
    }

    /// "+03:00", "+0300", "-05" as minutes east of UTC.
    private static func zoneOffset(_ u: [UInt8]) -> Int? {
        guard let sign = u.first, sign == 0x2B || sign == 0x2D else { return nil }
        let body = u.dropFirst().filter { $0 != 0x3A }
        guard body.count == 2 || body.count == 4, let h = digits(Array(body), 0..<2) else { return nil }
        let m = body.count == 4 ? (digits(Array(body), 2..<4) ?? 0) : 0
        guard h <= 14, m < 60 else { return nil }
        return (sign == 0x2D ? -1 : 1) * (h * 60 + m)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ word: Substring) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        return months.firstIndex { w.hasPrefix($0) }.map { $0 + 1 }
    }

    /// "Thu, 23 Jul 2015 10:11:12 +0300" (the weekday optional, the zone +hhmm, GMT, UTC or Z).
    private static func rfc2822(_ s: String) -> Int64? {
        var parts = s.split(separator: " ")
        if let first = parts.first, first.hasSuffix(",") { parts.removeFirst() }
        guard parts.count >= 3, let d = Int(parts[0]), let m = month(parts[1]), let y = Int(parts[2]) else {
            return nil
        }
        var h = 0, mi = 0, sec = 0, offset = 0
        if parts.count >= 4 {
            let t = parts[3].split(separator: ":").compactMap { Int($0) }
            guard t.count >= 2 else { return nil }
            h = t[0]; mi = t[1]; sec = t.count > 2 ? t[2] : 0
        }
        if parts.count >= 5 {
            let zone = Array(parts[4].utf8)
            if let o = zoneOffset(zone) {
                offset = o
            } else if !["GMT", "UTC", "Z", "UT"].contains(String(parts[4])) {
                return nil
            }
        }
        return make(y, m, d, h, mi, sec, offsetMinutes: offset)
    }

    /// "23 يوليو 2015", "الخميس ٢٣ تموز ٢٠١٥م - 10:30 م": a day, an Arabic Gregorian month name and a year,
    /// then optionally hours and minutes with ص (a.m.) or م (p.m.).
    private static func arabicMonthDate(_ s: String) -> Int64? {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        let words = SearchWords(title: nil, text: s)
        // Safety: `all` is `words.bytes`; words are taken through `SearchWords.word(_:in:)`, which checks each span
        // against it.
        return words.bytes.withUnsafeBufferPointer { all -> Int64? in
            func number(_ k: Int, digits: ClosedRange<Int>) -> Int? {
                guard k >= 0, k < words.count, words.spans[k].isNumber, digits.contains(words.word(k, in: all).count)
                else { return nil }
                return ASCIIDigits.value(words.word(k, in: all))
            }
            func isWord(_ k: Int, _ w: String) -> Bool {
                k < words.count && words.word(k, in: all).elementsEqual(w.utf8)
            }
            for i in 0..<words.count where !words.spans[i].isNumber {
                guard let m = MonthNames.gregorianMonth(words.word(i, in: all)),
                    let d = number(i - 1, digits: 1...2), let y = number(i + 1, digits: 4...4)
                else { continue }
                var k = i + 2
                if isWord(k, "م") { k += 1 }  // the Gregorian era after the year
                guard var h = number(k, digits: 1...2), let mi = number(k + 1, digits: 2...2) else {
                    return make(y, m, d)
                }
                if isWord(k + 2, "م") && h < 12 { h += 12 } else if isWord(k + 2, "ص") && h == 12 { h = 0 }
                return make(y, m, d, h, mi)
            }
            return nil
        }
    }

    /// "July 23, 2015" or "23 July 2015".
    private static func monthNameDate(_ s: String) -> Int64? {
        let parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        guard parts.count == 3 else { return nil }
        if let m = month(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]) { return make(y, m, d) }
        if let d = Int(parts[0]), let m = month(parts[1]), let y = Int(parts[2]) { return make(y, m, d) }
        return nil
    }
}

import Foundation
