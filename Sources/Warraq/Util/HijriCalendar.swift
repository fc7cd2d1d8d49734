/// The arithmetic (tabular) Islamic calendar: Hijri dates to days since 1970-01-01 and back.
/// Saudi Umm al-Qura dates, fixed by observation, can differ from it by a day.
public enum HijriCalendar {
    /// Julian day number of a Hijri date.
    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        (11 * year + 3) / 30 + 354 * year + 30 * month - (month - 1) / 2 + day + 1_948_440 - 385
    }

    /// Days since 1970-01-01 of a Hijri date, or nil for an impossible one.
    public static func days(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), (1...30).contains(day), (1...2000).contains(year) else { return nil }
        return julianDay(year: year, month: month, day: day) - 2_440_588
    }

    /// The Hijri year that a day since 1970-01-01 falls in.
    public static func year(ofDays days: Int) -> Int {
        let jd = days + 2_440_588
        var y = (jd - 1_948_440) * 30 / 10_631 + 1
        while julianDay(year: y + 1, month: 1, day: 1) <= jd { y += 1 }
        while julianDay(year: y, month: 1, day: 1) > jd { y -= 1 }
        return y
    }
}
