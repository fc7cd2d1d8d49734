/// Finds the elements of a top-level JSON array (or a single top-level value) in a growing buffer,
/// without parsing them, so that a huge array is read one element at a time. Scan state survives
/// refills: offsets are relative to the buffer's start, which does not move while an element is open.
///
/// Safety: `bytes` is the reader's buffered window, lent for one call; every read is at an index below its count,
/// and offsets kept across calls (`elementStart`, `scanned`) are rebased when the reader consumes bytes.
struct JSONArrayScanner {
    enum Step: Equatable {
        case element(Range<Int>)
        /// An element larger than the reader's limit ended; its bytes were discarded as they were scanned.
        case tooLarge(bytes: Int)
        case end
        case invalid(String)
    }

    private enum Phase { case start, beforeElement, afterElement, single, done }
    private var phase = Phase.start
    private(set) var sawAnything = false
    // Open element scan.
    private var scanned = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var elementStart: Int?
    /// The open element is being skipped (see `discardOpenElement`), and how many of its bytes went so far.
    private var skipping = false
    private var skipped = 0

    /// The size of the open element so far (0 when none is open).
    func openElementBytes(in bytes: UnsafeRawBufferPointer) -> Int { elementStart.map { bytes.count - $0 } ?? 0 }

    /// Gives up the open element: returns how many bytes to consume now (all scanned so far); the scan goes on
    /// through the element without keeping it, and reports `.tooLarge` at its end.
    mutating func discardOpenElement() -> Int {
        guard let start = elementStart else { return 0 }
        let consumed = scanned
        skipped += scanned - start
        skipping = true
        elementStart = 0
        scanned = 0
        return consumed
    }

    /// Scans `bytes`; returns how many bytes to consume and the step found, or nil when more bytes are needed.
    mutating func next(_ bytes: UnsafeRawBufferPointer) -> (Int, Step?) {
        var i = elementStart == nil ? 0 : scanned
        while true {
            if let start = elementStart {
                // Scan to the end of the open element.
                while i < bytes.count {
                    let c = bytes[i]
                    if inString {
                        if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                    } else {
                        switch c {
                        case 0x22: inString = true
                        case 0x7B, 0x5B: depth += 1
                        case 0x7D, 0x5D:
                            if depth == 0 { return finish(start, i) }
                            depth -= 1
                            if depth == 0 { return finish(start, i + 1) }
                        case 0x2C, 0x20, 0x0A, 0x0D, 0x09:
                            if depth == 0 { return finish(start, i) }
                        default: break
                        }
                    }
                    i += 1
                }
                scanned = i
                return (0, nil)
            }
            // Outside an element: skip whitespace and structure.
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            guard i < bytes.count else { return (i, phase == .done ? .end : nil) }
            let c = bytes[i]
            sawAnything = true
            switch phase {
            case .start:
                if c == 0x5B { phase = .beforeElement; i += 1; continue }
                phase = .single
                begin(at: i)
            case .beforeElement:
                if c == 0x5D { phase = .done; return (i + 1, .end) }
                if c == 0x2C { return (i, .invalid("unexpected ',' in the array")) }
                begin(at: i)
            case .afterElement:
                if c == 0x2C { phase = .beforeElement; i += 1; continue }
                if c == 0x5D { phase = .done; return (i + 1, .end) }
                return (i, .invalid("expected ',' or ']' between array elements"))
            case .single, .done:
                return (i, .invalid("unexpected text after the JSON value"))
            }
        }
    }

    private mutating func begin(at i: Int) {
        elementStart = i
        scanned = i
        depth = 0
        inString = false
        escaped = false
    }

    private mutating func finish(_ start: Int, _ end: Int) -> (Int, Step?) {
        elementStart = nil
        if phase == .single { phase = .done } else { phase = .afterElement }
        if skipping {
            let total = skipped + end - start
            skipping = false
            skipped = 0
            return (end, .tooLarge(bytes: total))
        }
        return (end, .element(start..<end))
    }
}

/// Splits CSV/TSV records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) from a growing buffer.
/// A record starts at the buffer's start (the reader consumes each one as it is found).
struct CSVScanner {
    enum Record {
        case fields([[UInt8]])
        /// A record larger than the reader's limit ended; its bytes were discarded as they were scanned.
        case tooLarge(bytes: Int)
    }

    let separator: UInt8
    private var scanned = 0
    private var inQuote = false
    private(set) var unterminatedQuote = false
    /// The open record is being skipped (see `discardOpenRecord`), and how many of its bytes went so far.
    private var skipped: Int?

    init(separator: UInt8) { self.separator = separator }

    /// Gives up the open record: returns how many bytes to consume now (all scanned so far); the scan goes on
    /// through the record without keeping it (quotes still count), and reports `.tooLarge` at its end.
    mutating func discardOpenRecord() -> Int {
        let consumed = scanned
        skipped = (skipped ?? 0) + scanned
        scanned = 0
        return consumed
    }

    /// The next record, and how many bytes it took; nil when more bytes are needed or at the end.
    mutating func next(_ bytes: UnsafeRawBufferPointer, atEnd: Bool) -> (Int, Record?) {
        var i = scanned
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 { inQuote.toggle() } else if c == 0x0A && !inQuote {
                scanned = 0
                return (i + 1, finish(bytes, end: i))
            }
            i += 1
        }
        scanned = i
        guard atEnd, !bytes.isEmpty || skipped != nil else { return (0, nil) }
        if inQuote { unterminatedQuote = true; return (0, nil) }
        scanned = 0
        return (bytes.count, finish(bytes, end: bytes.count))
    }

    private mutating func finish(_ bytes: UnsafeRawBufferPointer, end: Int) -> Record {
        if let skipped {
            self.skipped = nil
            return .tooLarge(bytes: skipped + end)
        }
        return .fields(split(UnsafeRawBufferPointer(rebasing: bytes[0..<end])))
    }

    private func split(_ record: UnsafeRawBufferPointer) -> [[UInt8]] {
        var end = record.count
        if end > 0 && record[end - 1] == 0x0D { end -= 1 }
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        while i < end {
            let c = record[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < end && record[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                } else {
                    field.append(c)
                }
            } else if c == 0x22 && field.isEmpty {
                quoted = true
            } else if c == separator {
                fields.append(field)
                field = []
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(field)
        return fields
    }
}
