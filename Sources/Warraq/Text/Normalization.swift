/// Steps that make a text's search form (`text_normalized`), applied in the order listed.
public enum NormalizationStep: String, Codable, Sendable, CaseIterable, CaseIterableConfigValue {
    /// إ أ ٱ آ → ا
    case alef
    /// ى → ي
    case alefMaksura = "alef_maksura"
    /// ة → ه
    case tehMarbuta = "teh_marbuta"
    /// Remove diacritics U+064B–U+0652 and U+0670.
    case diacritics
    /// Remove tatweel U+0640.
    case tatweel
    /// Arabic-Indic and Eastern Arabic-Indic digits to ASCII.
    case digits
    /// Lowercase Latin letters.
    case lowercase
    /// CAMeL Tools' normalize_unicode: NFKC (with U+FDFC and U+FDFD spelled out).
    case unicode
    /// CAMeL Tools' arclean character map.
    case arclean

    /// The CAMeL Tools function a step is, for the steps that are one.
    var camelFunction: CamelFunction? {
        switch self {
        case .unicode: return .normalizeUnicode
        case .arclean: return .arclean
        default: return nil
        }
    }

    public static let searchDefault: [NormalizationStep] = [
        .alef, .alefMaksura, .tehMarbuta, .diacritics, .tatweel, .digits, .lowercase,
    ]
}

/// Applies normalization steps in order: CAMeL Tools functions as they are, and runs of the simple
/// character steps as one pass over UTF-8 bytes.
public struct Normalizer: Sendable {
    private enum Stage: Sendable { case characters(CharacterSteps), camel(CamelFunction) }
    private let stages: [Stage]

    /// The search form (`NormalizationStep.searchDefault`) that the annotators, the quality rules and every word
    /// list compare words in: the one instance they all share.
    public static let search = Normalizer(steps: NormalizationStep.searchDefault)
    /// The search form with CAMeL's `arclean` first-pass cleanup after it, as boilerplate prefixes are compared.
    static let boilerplate = Normalizer(steps: NormalizationStep.searchDefault + [.arclean])

    public init(steps: [NormalizationStep]) {
        var stages: [Stage] = []
        var run: [NormalizationStep] = []
        for step in steps {
            if let f = step.camelFunction {
                if !run.isEmpty { stages.append(.characters(CharacterSteps(run))); run = [] }
                stages.append(.camel(f))
            } else {
                run.append(step)
            }
        }
        if !run.isEmpty { stages.append(.characters(CharacterSteps(run))) }
        self.stages = stages
    }

    public func normalize(_ text: String) -> String {
        var text = text
        for stage in stages {
            switch stage {
            case .characters(let c): text = c.apply(text)
            case .camel(let f): text = f.apply(text)
            }
        }
        return text
    }
}

/// The single-character steps in one pass over UTF-8 bytes. Every character they touch is ASCII or a
/// two-byte sequence led by 0xD8–0xDB, so the rest is copied as it is.
struct CharacterSteps: Sendable {
    /// What each two-byte sequence D8–DB xx becomes: 0 keep, 1 drop, else the replacement (high byte << 8 | low).
    private let arabic: [UInt16]
    private let lowercase: Bool

    init(_ steps: [NormalizationStep]) {
        let on = Set(steps)
        var table = [UInt16](repeating: 0, count: 4 * 64)
        func set(_ scalar: UInt32, _ value: UInt16) {
            let lead = 0xC0 | (scalar >> 6), trail = scalar & 0x3F
            table[Int(lead - 0xD8) * 64 + Int(trail)] = value
        }
        func utf8(_ scalar: UInt32) -> UInt16 { UInt16(0xC0 | (scalar >> 6)) << 8 | UInt16(0x80 | (scalar & 0x3F)) }
        if on.contains(.alef) { for s: UInt32 in [0x0622, 0x0623, 0x0625, 0x0671] { set(s, utf8(0x0627)) } }
        if on.contains(.alefMaksura) { set(0x0649, utf8(0x064A)) }
        if on.contains(.tehMarbuta) { set(0x0629, utf8(0x0647)) }
        if on.contains(.diacritics) { for s: UInt32 in 0x064B...0x0652 { set(s, 1) }; set(0x0670, 1) }
        if on.contains(.tatweel) { set(0x0640, 1) }
        if on.contains(.digits) {
            for d: UInt32 in 0...9 { set(0x0660 + d, UInt16(0x30 + d)); set(0x06F0 + d, UInt16(0x30 + d)) }
        }
        arabic = table
        lowercase = on.contains(.lowercase)
    }

    func apply(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Safety: each step writes at most the bytes it reads (1 for 1, or 0–2 for a 2-byte letter), so `o <= i`
            // and the output fits the input's count.
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var o = 0, i = 0
                let n = bytes.count
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        out[o] = lowercase && b >= 0x41 && b <= 0x5A ? b + 32 : b
                        o += 1; i += 1
                        continue
                    }
                    if b >= 0xD8 && b <= 0xDB && i + 1 < n {
                        let rule = arabic[Int(b - 0xD8) * 64 + Int(bytes[i + 1] & 0x3F)]
                        if rule == 1 { i += 2; continue }
                        if rule >= 0x30 && rule <= 0x39 { out[o] = UInt8(rule); o += 1; i += 2; continue }
                        if rule != 0 {
                            out[o] = UInt8(rule >> 8); out[o + 1] = UInt8(rule & 0xFF); o += 2; i += 2; continue
                        }
                    }
                    out[o] = b
                    o += 1; i += 1
                }
                return o
            }
        }
    }
}
