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
            if c == 0x22 {
                inQuote.toggle()
            } else if c == 0x0A && !inQuote {
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
