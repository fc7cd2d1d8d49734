import Foundation

/// Arabic normalization functions that give exactly what CAMeL Tools 1.6.0 gives (`camel_tools.utils`),
/// checked line by line against its outputs in the tests. `warraq normalize --function NAME` exposes them.
public enum CamelFunction: String, CaseIterable, Sendable, Codable {
    /// NFKC, after U+FDFC and U+FDFD are spelled out as words.
    case normalizeUnicode = "normalize_unicode"
    /// إ أ ٱ آ → ا
    case normalizeAlefAr = "normalize_alef_ar"
    /// ى → ي
    case normalizeAlefMaksuraAr = "normalize_alef_maksura_ar"
    /// ة → ه
    case normalizeTehMarbutaAr = "normalize_teh_marbuta_ar"
    /// Removes the diacritics U+064B–U+0652 and U+0670.
    case dediacAr = "dediac_ar"
    /// The `arclean` character map: Arabic letters, ASCII and Latin-1 letters kept; variants, digits,
    /// punctuation and spaces mapped; everything else deleted.
    case arclean

    public func apply(_ s: String) -> String {
        switch self {
        case .normalizeUnicode:
            var fixed = String.UnicodeScalarView()
            for c in s.unicodeScalars {
                switch c.value {
                case 0xFDFC: fixed.append(contentsOf: "ريال".unicodeScalars)
                case 0xFDFD: fixed.append(contentsOf: "بسم الله الرحمن الرحيم".unicodeScalars)
                default: fixed.append(c)
                }
            }
            return String(fixed).precomposedStringWithCompatibilityMapping
        case .normalizeAlefAr: return Self.map(s) { [0x0622, 0x0623, 0x0625, 0x0671].contains($0) ? "\u{0627}" : nil }
        case .normalizeAlefMaksuraAr: return Self.map(s) { $0 == 0x0649 ? "\u{064A}" : nil }
        case .normalizeTehMarbutaAr: return Self.map(s) { $0 == 0x0629 ? "\u{0647}" : nil }
        case .dediacAr: return Self.map(s) { (0x064B...0x0652).contains($0) || $0 == 0x0670 ? "" : nil }
        case .arclean: return ArcleanMap.apply(s)
        }
    }

    /// Replaces scalars for which `replacement` gives a string; keeps the others.
    private static func map(_ s: String, _ replacement: (UInt32) -> String?) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if let r = replacement(c.value) { out.append(contentsOf: r.unicodeScalars) } else { out.append(c) }
        }
        return String(out)
    }
}

/// The `arclean` map as rules over code point ranges: `keep`, `delete`, or a replacement.
/// Anything no rule names is deleted. Later rules override earlier ones where ranges overlap.
enum ArcleanMap {
    enum Action { case keep, replace(String) }

    /// (first, last, action); "" deletes.
    private static let rules: [(UInt32, UInt32, Action)] = {
        var r: [(UInt32, UInt32, Action)] = []
        func keep(_ a: UInt32, _ b: UInt32? = nil) { r.append((a, b ?? a, .keep)) }
        func put(_ a: UInt32, _ b: UInt32?, _ s: String) { r.append((a, b ?? a, .replace(s))) }
        func letter(_ a: UInt32, _ b: UInt32?, _ target: UInt32) { put(a, b, String(Unicode.Scalar(target)!)) }
        // Kept as they are: Arabic letters, printable ASCII, Latin-1 letters, tab and line breaks, U+2424.
        keep(0x0621, 0x063A); keep(0x0641, 0x064A); keep(0x0020, 0x007E); keep(0x00C0, 0x00FF)
        keep(0x0009); keep(0x000A); keep(0x000D); keep(0x2424)
        // Deleted: tatweel, diacritics and Quranic marks.
        put(0x0640, nil, ""); put(0x064B, 0x0652, ""); put(0x0610, 0x061A, ""); put(0x061E, nil, "")
        put(0x0653, 0x065E, ""); put(0x0670, nil, ""); put(0x0674, nil, ""); put(0x06D5, nil, "")
        put(0x06D6, 0x06ED, ""); put(0x2061, 0x206F, "")
        // Spaces of every kind, zero-width and bidi controls included, become a plain space.
        for (a, b) in [
            (0x00A0, 0x00A0), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F),
            (0x205F, 0x2060), (0x3000, 0x3000), (0xFEFF, 0xFEFF), (0x2420, 0x2420), (0x2422, 0x2423),
            (0x0600, 0x0605), (0x0608, 0x0608), (0x060B, 0x060B), (0x060E, 0x060F),
        ] as [(UInt32, UInt32)] {
            put(a, b, " ")
        }
        // General punctuation to ASCII.
        let punctuation: [(UInt32, UInt32, String)] = [
            (0x2010, 0x2015, "-"), (0x2016, 0x2016, "|"), (0x2017, 0x2017, "_"), (0x2018, 0x201B, "'"),
            (0x201C, 0x201F, "\""), (0x2020, 0x2021, "+"), (0x2023, 0x2023, "*"), (0x2024, 0x2024, "."),
            (0x2025, 0x2025, ".."), (0x2026, 0x2026, "..."), (0x2027, 0x2027, "."), (0x2030, 0x2030, "%0"),
            (0x2031, 0x2031, "%00"), (0x2032, 0x2032, "'"), (0x2033, 0x2033, "''"), (0x2034, 0x2034, "'''"),
            (0x2035, 0x2035, "`"), (0x2036, 0x2036, "``"), (0x2037, 0x2037, "```"), (0x2038, 0x2038, "^"),
            (0x2039, 0x2039, "<"), (0x203A, 0x203A, ">"), (0x203B, 0x203B, "X"), (0x203C, 0x203C, "!!"),
            (0x203D, 0x203D, "!?"), (0x203E, 0x203E, "-"), (0x203F, 0x203F, ")"), (0x2040, 0x2040, "("),
            (0x2041, 0x2041, "l"), (0x2042, 0x2042, "***"), (0x2043, 0x2043, "-"), (0x2044, 0x2044, "/"),
            (0x2045, 0x2046, "E"), (0x2047, 0x2047, "??"), (0x2048, 0x2048, "?!"), (0x2049, 0x2049, "!?"),
            (0x204A, 0x204A, "&"), (0x204B, 0x204B, "\u{00B6}"), (0x204C, 0x204E, "*"), (0x204F, 0x204F, ";"),
            (0x2050, 0x2050, "()"), (0x2051, 0x2051, "**"), (0x2052, 0x2052, "%"), (0x2053, 0x2053, "~"),
            (0x2054, 0x2054, "_"), (0x2055, 0x2055, "*"), (0x2056, 0x2056, "..."), (0x2057, 0x2057, "''''"),
            (0x2058, 0x2058, "::"), (0x2059, 0x2059, ":.:"), (0x205A, 0x205A, ":"), (0x205B, 0x205B, "::"),
            (0x205C, 0x205C, "X"), (0x205D, 0x205E, ":"), (0x00AB, 0x00AB, "\""), (0x00BB, 0x00BB, "\""),
            // Arabic punctuation and signs.
            (0x0606, 0x0606, "/3"), (0x0607, 0x0607, "/4"), (0x0609, 0x0609, "%0"), (0x060A, 0x060A, "%00"),
            (0x060C, 0x060D, ","), (0x061B, 0x061B, ";"), (0x061F, 0x061F, "?"), (0x066A, 0x066A, "%"),
            (0x066B, 0x066B, ","), (0x066C, 0x066C, "'"), (0x066D, 0x066D, "*"), (0x06D4, 0x06D4, "."),
            (0x06DD, 0x06DE, "*"), (0x06E9, 0x06E9, "*"),
        ]
        for (a, b, s) in punctuation { put(a, b, s) }
        // Arabic-Indic and Eastern Arabic-Indic digits.
        for d: UInt32 in 0...9 { put(0x0660 + d, nil, String(d)); put(0x06F0 + d, nil, String(d)) }
        // Letters of other languages written in Arabic script, to the nearest Arabic letter.
        let letters: [(UInt32, UInt32, UInt32)] = [
            (0x063B, 0x063C, 0x0643), (0x063D, 0x063F, 0x0649), (0x066E, 0x066E, 0x0628), (0x066F, 0x066F, 0x0642),
            (0x0671, 0x0673, 0x0627), (0x0675, 0x0675, 0x0627), (0x0676, 0x0677, 0x0648), (0x0678, 0x0678, 0x0626),
            (0x0679, 0x067A, 0x062A), (0x067B, 0x067B, 0x0628), (0x067C, 0x067C, 0x062A), (0x067D, 0x067D, 0x062B),
            (0x067E, 0x067E, 0x0628), (0x067F, 0x067F, 0x062A), (0x0680, 0x0680, 0x0628), (0x0681, 0x0682, 0x062E),
            (0x0683, 0x0684, 0x062C), (0x0685, 0x0685, 0x062E), (0x0686, 0x0687, 0x062C), (0x0688, 0x0690, 0x062F),
            (0x0691, 0x0696, 0x0631), (0x0697, 0x0699, 0x0632), (0x069A, 0x069B, 0x0633), (0x069C, 0x069C, 0x0634),
            (0x069D, 0x069D, 0x0635), (0x069E, 0x069E, 0x0636), (0x069F, 0x069F, 0x0638), (0x06A0, 0x06A0, 0x063A),
            (0x06A1, 0x06A6, 0x0641), (0x06A7, 0x06A8, 0x0642), (0x06A9, 0x06B4, 0x0643), (0x06B5, 0x06B8, 0x0644),
            (0x06B9, 0x06BD, 0x0646), (0x06BE, 0x06BE, 0x0647), (0x06BF, 0x06BF, 0x062C), (0x06C0, 0x06C2, 0x0647),
            (0x06C3, 0x06C3, 0x0629), (0x06C4, 0x06CB, 0x0648), (0x06CC, 0x06CE, 0x0649), (0x06CF, 0x06CF, 0x0648),
            (0x06D0, 0x06D2, 0x064A), (0x06D3, 0x06D3, 0x0626), (0x06EE, 0x06EE, 0x062F), (0x06EF, 0x06EF, 0x0631),
            (0x06FA, 0x06FA, 0x0634), (0x06FB, 0x06FB, 0x0635), (0x06FC, 0x06FC, 0x0636), (0x06FD, 0x06FD, 0x0621),
            (0x06FE, 0x06FE, 0x0645), (0x06FF, 0x06FF, 0x0647),
            // Presentation forms A of those letters (the rest of the block is deleted).
            (0xFB56, 0xFB59, 0x0628), (0xFB66, 0xFB69, 0x062A), (0xFB7A, 0xFB7D, 0x062C), (0xFB88, 0xFB89, 0x062F),
            (0xFB8A, 0xFB8B, 0x0632), (0xFB8C, 0xFB8D, 0x0631), (0xFB8E, 0xFB95, 0x0643), (0xFB9E, 0xFB9F, 0x0646),
            (0xFBA6, 0xFBAD, 0x0647), (0xFBAE, 0xFBAF, 0x0649), (0xFBB0, 0xFBB1, 0x0626), (0xFBFC, 0xFBFF, 0x064A),
        ]
        for (a, b, t) in letters { letter(a, b, t) }
        put(0xFDF2, nil, "الله")
        // Presentation forms B: each form to its letter (lam-alef ligatures to two letters), as NFKC does.
        for v: UInt32 in 0xFE80...0xFEFC {
            put(v, nil, String(Character(Unicode.Scalar(v)!)).precomposedStringWithCompatibilityMapping)
        }
        return r
    }()

    /// Index of each BMP code point's action: 0 delete, 1 keep, n ≥ 2 replacement n - 2.
    private static let table: (codes: [UInt16], replacements: [String]) = {
        var codes = [UInt16](repeating: 0, count: 0x10000)
        var replacements: [String] = []
        for (a, b, action) in rules {
            let code: UInt16
            switch action {
            case .keep: code = 1
            case .replace(let s) where s.isEmpty: code = 0
            case .replace(let s):
                replacements.append(s)
                code = UInt16(replacements.count + 1)
            }
            for v in a...b { codes[Int(v)] = code }
        }
        return (codes, replacements)
    }()

    static func apply(_ s: String) -> String {
        let (codes, replacements) = table
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            guard c.value < 0x10000 else { continue }
            switch codes[Int(c.value)] {
            case 0: continue
            case 1: out.append(c)
            case let n: out.append(contentsOf: replacements[Int(n) - 2].unicodeScalars)
            }
        }
        return String(out)
    }
}
