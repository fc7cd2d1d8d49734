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
                        if escaped {
                            escaped = false
                        } else if c == 0x5C {
                            escaped = true
                        } else if c == 0x22 {
                            inString = false
                        }
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
