/// Finds the elements of a top-level JSON array (or a single top-level value) in a growing buffer,
/// without parsing them, so that a huge array is read one element at a time. Scan state survives
/// refills: while an element is open, the bytes before it are consumed, so that it starts the buffer, and an
/// element past `maxElementBytes` is consumed as it is scanned (never held whole) and reported `.tooLarge`.
///
/// Safety: `bytes` is the reader's buffered window, lent for one call; every read is at an index below its count,
/// and offsets kept across calls (`elementStart`, `scanned`) are rebased when the reader consumes bytes.
struct JSONArrayScanner {
    enum Step: Equatable {
        case element(Range<Int>)
        /// An element larger than `maxElementBytes` ended; its bytes were discarded as they were scanned.
        case tooLarge(bytes: Int)
        case end
        case invalid(String)
    }

    private enum Phase { case start, beforeElement, afterElement, single, done }
    let maxElementBytes: Int
    private var phase = Phase.start
    private(set) var sawAnything = false
    // Open element scan.
    private var scanned = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var elementStart: Int?
    /// How many bytes of the open element were consumed unkept, once it passed `maxElementBytes`.
    private var skipped: Int?

    init(maxElementBytes: Int) { self.maxElementBytes = maxElementBytes }

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
                // More bytes are needed. The element is kept from the buffer's start on, or, past the limit, given up.
                elementStart = 0
                if skipped != nil || i - start > maxElementBytes {
                    skipped = (skipped ?? 0) + i - start
                    scanned = 0
                    return (i, nil)
                }
                scanned = i - start
                return (start, nil)
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
        if let skipped {
            self.skipped = nil
            return (end, .tooLarge(bytes: skipped + end - start))
        }
        return (end, end - start > maxElementBytes ? .tooLarge(bytes: end - start) : .element(start..<end))
    }
}

/// Splits CSV/TSV records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) from a growing buffer.
/// A record starts at the buffer's start (the reader consumes each one as it is found). A record past
/// `maxRecordBytes` (its line end aside) is consumed as it is scanned, never held whole, and reported `.tooLarge`.
struct CSVScanner {
    enum Record {
        case fields([[UInt8]])
        /// A record larger than `maxRecordBytes` ended; its bytes were discarded as they were scanned.
        case tooLarge(bytes: Int)
    }

    let separator: UInt8
    let maxRecordBytes: Int
    private var scanned = 0
    private var inQuote = false
    private(set) var unterminatedQuote = false
    /// How many bytes of the open record were consumed unkept, once it passed `maxRecordBytes` (quotes still count).
    private var skipped: Int?

    init(separator: UInt8, maxRecordBytes: Int) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
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
        if !atEnd && (skipped != nil || i > maxRecordBytes) {
            skipped = (skipped ?? 0) + i
            scanned = 0
            return (i, nil)
        }
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
        let length = end > 0 && bytes[end - 1] == 0x0D ? end - 1 : end
        if length > maxRecordBytes { return .tooLarge(bytes: length) }
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
