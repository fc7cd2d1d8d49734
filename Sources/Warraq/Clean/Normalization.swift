/// Steps that make a text's search form (`text_normalized`), applied in the order listed.
public enum NormalizationStep: String, Codable, Sendable, CaseIterable {
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

    public static let searchDefault: [NormalizationStep] = [.alef, .alefMaksura, .tehMarbuta, .diacritics, .tatweel, .digits, .lowercase]
}

/// Applies normalization steps to text, scalar by scalar.
public struct Normalizer: Sendable {
    public let steps: Set<NormalizationStep>

    public init(steps: [NormalizationStep]) { self.steps = Set(steps) }

    public func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                if steps.contains(.lowercase) && v >= 0x41 && v <= 0x5A { out.append(Unicode.Scalar(v + 32)!) } else { out.append(c) }
                continue
            }
            if steps.contains(.alef) && (v == 0x0622 || v == 0x0623 || v == 0x0625 || v == 0x0671) { out.append("\u{0627}"); continue }
            if steps.contains(.alefMaksura) && v == 0x0649 { out.append("\u{064A}"); continue }
            if steps.contains(.tehMarbuta) && v == 0x0629 { out.append("\u{0647}"); continue }
            if steps.contains(.diacritics) && ((0x064B...0x0652).contains(v) || v == 0x0670) { continue }
            if steps.contains(.tatweel) && v == 0x0640 { continue }
            if steps.contains(.digits) {
                if (0x0660...0x0669).contains(v) { out.append(Unicode.Scalar(v - 0x0660 + 0x30)!); continue }
                if (0x06F0...0x06F9).contains(v) { out.append(Unicode.Scalar(v - 0x06F0 + 0x30)!); continue }
            }
            out.append(c)
        }
        return String(out)
    }
}
