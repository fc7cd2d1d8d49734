/// Removes HTML tags (block tags become line breaks; script and style content goes too) and decodes entities.
enum HTMLStripper {
    private static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "section", "article", "header", "footer", "figure", "figcaption", "hr", "pre", "dd", "dt",
    ]

    static func strip(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<", i + 1 < s.count, isTagStart(s[i + 1]),
                let close = s[(i + 1)..<min(s.count, i + 2000)].firstIndex(of: ">")
            {
                if s[i + 1] == "!" && i + 3 < s.count && s[i + 2] == "-" && s[i + 3] == "-" {
                    // A comment runs to "-->".
                    var j = i + 4
                    while j + 2 < s.count && !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(s.count, j + 3)
                    continue
                }
                let name = tagName(s[(i + 1)..<close])
                if blockTags.contains(name) { out.append("\n") }
                if name == "script" || name == "style" {
                    i = endOfElement(s, from: close + 1, name: name)
                    continue
                }
                i = close + 1
                continue
            }
            if c == "&", let (decoded, next) = entity(s, at: i) {
                out.append(contentsOf: decoded)
                i = next
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func isTagStart(_ c: Unicode.Scalar) -> Bool {
        c == "/" || c == "!" || (c.isASCII && c.properties.isAlphabetic)
    }

    private static func tagName(_ body: ArraySlice<Unicode.Scalar>) -> String {
        var name = String.UnicodeScalarView()
        for c in body.drop(while: { $0 == "/" }) {
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) else { break }
            name.append(c)
        }
        return String(name).lowercased()
    }

    private static func endOfElement(_ s: [Unicode.Scalar], from start: Int, name: String) -> Int {
        let closing = Array("</\(name)".unicodeScalars)
        var j = start
        while j + closing.count <= s.count {
            if zip(s[j..<(j + closing.count)], closing).allSatisfy({
                $0.properties.lowercaseMapping == $1.properties.lowercaseMapping
            }) {
                return (s[j...].firstIndex(of: ">") ?? s.count - 1) + 1
            }
            j += 1
        }
        return s.count
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "hellip": "\u{2026}", "laquo": "\u{AB}", "raquo": "\u{BB}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "copy": "\u{A9}", "reg": "\u{AE}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "rlm": "\u{200F}", "lrm": "\u{200E}", "bull": "\u{2022}",
        "middot": "\u{B7}",
    ]

    /// An entity at `i` ("&amp;", "&#1575;", "&#x627;"): its text and the index after it.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> ([Unicode.Scalar], Int)? {
        guard let semi = s[(i + 1)..<min(s.count, i + 12)].firstIndex(of: ";"), semi > i + 1 else { return nil }
        let body = String(String.UnicodeScalarView(s[(i + 1)..<semi]))
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
            return ([scalar], semi + 1)
        }
        guard let scalar = named[body.lowercased()] else { return nil }
        return ([scalar], semi + 1)
    }
}
