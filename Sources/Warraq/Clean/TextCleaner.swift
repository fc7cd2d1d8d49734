import Foundation

/// Cleans article text into paragraphs: HTML tags and entities, scraper placeholders, zero-width and
/// bidi controls, broken characters and presentation forms go; whitespace is collapsed; line breaks
/// separate paragraphs. Works on Unicode scalars in one pass per step.
public struct TextCleaner: Sendable {
    public let options: CleanOptions
    private let tags: Set<String>

    public init(options: CleanOptions) {
        self.options = options
        tags = Set(options.placeholderTags.map { $0.lowercased() })
    }

    /// The cleaned paragraphs of `text`, each one line, none empty.
    public func paragraphs(_ text: String) -> [String] { clean(text).paragraphs }

    /// The cleaned text: paragraphs joined by blank lines.
    public func clean(_ text: String) -> CleanedText {
        // Most texts have no markup: one pass cleans them, and stops at the first < & or [ if there is one.
        var text = text
        let markup = options.html || options.placeholders
        if let cleaned = splitParagraphs(text, stopAtMarkup: markup) { return cleaned }
        var scalars = Array(text.unicodeScalars)
        if options.html && scalars.contains(where: { $0 == "<" || $0 == "&" }) { scalars = HTMLStripper.strip(scalars) }
        if options.placeholders && scalars.contains("[") { scalars = removePlaceholders(scalars) }
        text = String(String.UnicodeScalarView(scalars))
        // Without `stopAtMarkup` the split never returns nil.
        return splitParagraphs(text, stopAtMarkup: false) ?? CleanedText(text: "", ranges: [])
    }

    /// One cleaned line (for titles and other short fields).
    public func line(_ text: String) -> String {
        let cleaned = clean(text)
        return cleaned.count <= 1 ? cleaned.text : cleaned.paragraphs.joined(separator: " ")
    }

    private func removePlaceholders(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == "[", let close = s[(i + 1)..<min(s.count, i + 40)].firstIndex(of: "]") {
                let inner = String(String.UnicodeScalarView(s[(i + 1)..<close])).lowercased()
                if isPlaceholder(inner) { i = close + 1; continue }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    private func isPlaceholder(_ inner: String) -> Bool {
        if tags.contains(inner) { return true }
        // name_N
        guard let underscore = inner.lastIndex(of: "_") else { return false }
        let digits = inner[inner.index(after: underscore)...]
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && tags.contains(String(inner[..<underscore]))
    }

    /// Maps characters, removes controls, collapses spaces, and splits into non-empty lines, on UTF-8 bytes:
    /// only non-ASCII sequences are decoded, and kept ones are copied as they are.
    /// With `stopAtMarkup`, returns nil at the first < & or [ (the caller strips markup first).
    ///
    /// Every read is through `Span` (bounds-checked) and every write an `Array` append, so no input, however
    /// much it grows (a presentation form becomes up to 18 letters), can write out of bounds.
    private func splitParagraphs(_ text: String, stopAtMarkup: Bool) -> CleanedText? {
        let bytes = text.utf8.span
        var out = ParagraphWriter(capacity: bytes.count + 64)
        let n = bytes.count
        var i = 0
        while i < n {
            // Most bytes stay as they are: printable ASCII, Arabic U+0600–U+067F (but the letter mark
            // U+061C), and single spaces between them. Such a run is found first and copied in one go.
            let run = i
            // Eight bytes at a time while they are all plain (most of an article), then byte by byte.
            while i + 8 <= n {
                let k = PlainBytes.count(bytes, at: i, runStart: run)
                if k == 0 { break }
                i += k
            }
            while i < n {
                let b = bytes[i]
                if b >= 0x21 && b < 0x7F && !(stopAtMarkup && (b == 0x3C || b == 0x26 || b == 0x5B)) {
                    i += 1; continue
                }
                if (b == 0xD8 || b == 0xD9) && i + 1 < n && !(b == 0xD8 && bytes[i + 1] == 0x9C) { i += 2; continue }
                if b == 0x20 && i > run && i + 2 < n {
                    let c = bytes[i + 1]
                    if (c >= 0x21 && c < 0x7F && c != 0x3C && c != 0x26 && c != 0x5B)
                        || ((c == 0xD8 || c == 0xD9) && !(c == 0xD8 && bytes[i + 2] == 0x9C))
                    {
                        i += 1; continue
                    }
                }
                break
            }
            if i > run {
                out.append(bytes.extracting(run..<i))
                if i >= n { break }
            }
            let b = bytes[i]
            var action = CharacterClass.keep
            var width = 1
            var scalar: UInt32 = 0
            if b < 0x80 {
                if stopAtMarkup && (b == 0x3C || b == 0x26 || b == 0x5B) { return nil }  // < & [
                switch b {
                case 0x21...0x7E: action = .keep
                case 0x0A, 0x0D: action = .newline
                case 0x20, 0x09, 0x0B, 0x0C: action = .space
                default: action = .removed
                }
            } else if (b == 0xD8 || b == 0xD9) && i + 1 < n {
                // Arabic letters, digits and marks U+0600–U+067F: kept, except U+061C (letter mark).
                width = 2
                action = b == 0xD8 && bytes[i + 1] == 0x9C ? .removed : .keep
            } else {
                // Decode one scalar (the text is valid UTF-8: it came from a String).
                width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + width <= n else { break }
                scalar = UInt32(b) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<width { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                action = CharacterClass.of(Unicode.Scalar(scalar) ?? "\u{FFFD}")
                if action == .presentationForm && !options.presentationForms { action = .keep }
            }
            switch action {
            case .newline: out.endLine()
            case .space: out.space()
            case .removed: break
            case .keep: out.append(bytes.extracting(i..<(i + width)))
            case .presentationForm:
                for m in PresentationForms.letters(for: Unicode.Scalar(scalar) ?? "\u{FFFD}") {
                    if m == " " { out.space() } else { out.append(m) }
                }
            }
            i += width
        }
        return out.finish()
    }
}

/// The run test of `splitParagraphs`, eight bytes at once (SWAR: every lane of a `UInt64` tested together).
enum PlainBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each lane of `x` that is zero (exact: no carry crosses a lane).
    @inline(__always)
    private static func zeroLanes(_ x: UInt64) -> UInt64 {
        ~((x & ~highs) &+ ~highs | x | ~highs)
    }

    /// How many of the 8 bytes at `i` are copied as they are: 8, 7 or 6 when they are all plain (printable ASCII but
    /// `< & [`, Arabic U+0600–U+067F but U+061C, single spaces inside the run), else 0. The count stops before a
    /// lead byte or a space in the last lanes, so that the bytes after are tested with what follows them. `i` is on
    /// a character boundary of valid UTF-8 (the text is a String), and so is `i` plus the count.
    @inline(__always)
    static func count(_ bytes: Span<UInt8>, at i: Int, runStart: Int) -> Int {
        let w = UInt64(littleEndian: unsafe bytes.bytes.unsafeLoadUnaligned(fromByteOffset: i, as: UInt64.self))
        let high = w & highs
        let low = w & ~highs
        // ASCII lanes from 0x21 to 0x7E: at least 0x21, not 0x7F.
        let printable = ((low &+ (0x80 - 0x21) &* ones) & ~((low &+ ones) & highs)) & ~high & highs
        let markup = zeroLanes(w ^ (0x3C &* ones)) | zeroLanes(w ^ (0x26 &* ones)) | zeroLanes(w ^ (0x5B &* ones))
        let space = zeroLanes(w ^ (0x20 &* ones))
        // Continuation bytes 10xxxxxx: the high bit set and the next bit clear.
        let continuation = high & ~(w << 1)
        let lead = zeroLanes((w & (0xFE &* ones)) ^ (0xD8 &* ones))  // D8 or D9
        let plain = (printable & ~markup) | space | continuation | lead
        guard plain == highs else { return 0 }
        // No U+061C (D8 9C), no two spaces in a row, no space at the run's start.
        let d8 = zeroLanes(w ^ (0xD8 &* ones)), x9c = zeroLanes(w ^ (0x9C &* ones))
        guard (d8 << 8) & x9c == 0, (space << 8) & space == 0, !(i == runStart && space & 0x80 != 0) else { return 0 }
        // The last lane: a lead's second byte, or a space's next character, is in the next eight.
        let last: UInt64 = 0x80 << 56, beforeLast: UInt64 = 0x80 << 48
        if (lead | space) & last == 0 { return 8 }
        return space & beforeLast != 0 ? 6 : 7
    }
}

/// Writes cleaned lines into one buffer, a blank line between paragraphs, with each paragraph's range.
/// A space is written only between two kept characters of a line, so lines never start or end with one.
private struct ParagraphWriter {
    private var joined: [UInt8] = []
    private var ranges: [Range<Int>] = []
    /// Where the current line starts in `joined`, or nil before its first byte.
    private var lineStart: Int?
    private var pendingSpace = false

    init(capacity: Int) { joined.reserveCapacity(capacity) }

    /// Starts the line if it has not started, and writes a pending space.
    @inline(__always)
    private mutating func beforeWrite() {
        if lineStart == nil {
            if !ranges.isEmpty { joined.append(0x0A); joined.append(0x0A) }
            lineStart = joined.count
        } else if pendingSpace {
            joined.append(0x20)
        }
        pendingSpace = false
    }

    mutating func append(_ bytes: Span<UInt8>) {
        beforeWrite()
        // The span bounds the copy: the pointer lives only inside the call and covers exactly its bytes.
        bytes.withUnsafeBufferPointer { joined.append(contentsOf: $0) }
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        beforeWrite()
        joined.append(contentsOf: scalar.utf8)
    }

    mutating func space() { if lineStart != nil { pendingSpace = true } }

    mutating func endLine() {
        if let start = lineStart { ranges.append(start..<joined.count) }
        lineStart = nil
        pendingSpace = false
    }

    mutating func finish() -> CleanedText {
        endLine()
        // Valid UTF-8: `joined` holds whole scalars of a String (runs cut at scalar boundaries), the scalars written
        // (`Unicode.Scalar.utf8`), and ASCII spaces and line breaks.
        return CleanedText(text: String(validUTF8: joined.span), ranges: ranges)
    }
}

/// How the cleaner treats a character.
enum CharacterClass {
    case keep, space, newline, removed, presentationForm

    @inline(__always)
    static func of(_ c: Unicode.Scalar) -> CharacterClass {
        let v = c.value
        if v >= 0x20 && v < 0x7F { return v == 0x20 ? .space : .keep }
        switch v {
        case 0x0A, 0x0D, 0x2028, 0x2029, 0x85: return .newline
        case 0x09, 0x0B, 0x0C, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        // Zero-width and bidi controls, BOM, soft hyphen, Arabic letter mark, replacement character.
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0xAD, 0x061C, 0xFFFD: return .removed
        case 0x00...0x1F, 0x7F...0x9F: return .removed
        case 0xFB50...0xFDFF, 0xFE70...0xFEFE: return .presentationForm
        default: return .keep
        }
    }
}

/// Arabic presentation forms mapped to letters by NFKC, computed once.
enum PresentationForms {
    private static let table: [[Unicode.Scalar]] = {
        var t: [[Unicode.Scalar]] = []
        for v in UInt32(0xFB50)...UInt32(0xFEFE) {
            guard let s = Unicode.Scalar(v) else { t.append([]); continue }
            // Variation selectors, other forms: as they are.
            if (0xFE00...0xFE6F).contains(v) { t.append([s]); continue }
            let mapped = String(Character(s)).precomposedStringWithCompatibilityMapping
            t.append(Array(mapped.unicodeScalars))
        }
        return t
    }()

    static func letters(for c: Unicode.Scalar) -> [Unicode.Scalar] {
        let i = Int(c.value) - 0xFB50
        guard i >= 0, i < table.count else { return [c] }
        return table[i]
    }
}
