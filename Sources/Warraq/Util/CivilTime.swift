/// Dates and UTC timestamps in the ISO forms Warraq reads and writes:
/// "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS.ffffffZ" (proleptic Gregorian, no leap seconds).
public enum CivilTime {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses "YYYY-MM-DD" into days since the epoch.
    public static func parseDate(_ s: String) -> Int32? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D,
            let y = digits(u, 0, 4), let m = digits(u, 5, 2), let d = digits(u, 8, 2),
            (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m)
        else { return nil }
        return Int32(days(year: y, month: m, day: d))
    }

    /// Parses "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" (also with a space for "T", or "+00:00" for "Z")
    /// into microseconds since the epoch.
    public static func parseTimestamp(_ s: String) -> Int64? {
        var u = Array(s.utf8)
        if u.count >= 6, Array(u.suffix(6)) == Array("+00:00".utf8) { u.removeLast(6); u.append(0x5A) }
        guard u.count >= 20, u.last == 0x5A, u[10] == 0x54 || u[10] == 0x20, u[13] == 0x3A, u[16] == 0x3A,
            let date = parseDate(String(decoding: u[0..<10], as: UTF8.self)),
            let h = digits(u, 11, 2), let mi = digits(u, 14, 2), let sec = digits(u, 17, 2),
            h < 24, mi < 60, sec < 60
        else { return nil }
        var micros = 0
        let rest = u[19..<(u.count - 1)]
        if !rest.isEmpty {
            guard rest.first == 0x2E, rest.count >= 2, rest.count <= 10 else { return nil }
            var scale = 100_000
            for c in rest.dropFirst() {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                micros += Int(c - 0x30) * scale
                scale /= 10
            }
        }
        return (Int64(date) * 86_400 + Int64(h * 3600 + mi * 60 + sec)) * 1_000_000 + Int64(micros)
    }

    private static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
            v = v * 10 + Int(u[i] - 0x30)
        }
        return v
    }

    public static func formatDate(_ days: Int32) -> String {
        let c = civil(days: Int(days))
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// The day (since the epoch) that a timestamp in microseconds falls on.
    public static func day(ofMicros micros: Int64) -> Int32 {
        let (q, r) = micros.quotientAndRemainder(dividingBy: 86_400_000_000)
        return Int32(truncatingIfNeeded: r < 0 ? q - 1 : q)
    }

    /// `micros` as ISO 8601 UTC with microseconds. Any Int64 is formatted: the floor division never overflows.
    public static func formatTimestamp(_ micros: Int64) -> String {
        var (days, rem) = micros.quotientAndRemainder(dividingBy: 86_400_000_000)
        if rem < 0 { days -= 1; rem += 86_400_000_000 }
        let secs = Int(rem / 1_000_000), frac = Int(rem % 1_000_000)
        return formatDate(Int32(truncatingIfNeeded: days)) + "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2)
            + ":" + pad(secs % 60, 2) + "." + pad(frac, 6) + "Z"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
