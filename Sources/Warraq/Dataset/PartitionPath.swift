import Foundation

/// Hive-style partition folder names (`source=okaz/date=2015-07-23`), escaped so that no value can
/// leave the dataset folder or break a file name.
public enum PartitionPath {
    /// The folder of a missing value (an article without a date). Not Hive's `__HIVE_DEFAULT_PARTITION__`: pyarrow
    /// reads that as a null in a dictionary, which `pandas.read_parquet(DIR)` cannot convert (pandas-dev/pandas#55400,
    /// apache/arrow#39927), and the first line most people write would fail.
    public static let nullValue = "unknown"
    /// Hive's name for a null partition value, escaped where a real value spells it.
    static let hiveNull = "__HIVE_DEFAULT_PARTITION__"
    /// Longest escaped value kept whole; longer ones are cut and suffixed with a hash of the whole value.
    static let maxValueBytes = 120

    /// The ASCII bytes a value's folder name escapes: controls, DEL, and what Hive escapes.
    private static let needsEscape: [Bool] = (0..<128).map { b in
        b < 0x20 || b == 0x7F || "\"#%'*/:=?\\[]^{}<>|".utf8.contains(UInt8(b))
    }
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `key=value/key=value` for the given values.
    public static func folder(_ columns: [PartitionColumn], _ values: [String?]) -> String {
        zip(columns, values).map { "\($0.rawValue)=\(escape($1))" }.joined(separator: "/")
    }

    /// Percent-escapes a value as Hive does (`/`, `\`, `=`, `%`, `:` and control characters among others),
    /// and `.`/`..` as whole values; non-ASCII letters stay as they are.
    public static func escape(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return nullValue }
        // Most values (a source's name, a date) need no escape: they are returned as they are.
        guard
            value.utf8.contains(where: { $0 < 0x80 && needsEscape[Int($0)] }) || value.utf8.count > maxValueBytes
                || value == "." || value == ".." || value == hiveNull
        else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for b in value.utf8 {
            if b < 0x80 && needsEscape[Int(b)] {
                out += [UInt8(ascii: "%"), hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]]
            } else {
                out.append(b)
            }
        }
        var text = String(decoding: out, as: UTF8.self)
        if text == "." || text == ".." { text = text.replacingOccurrences(of: ".", with: "%2E") }
        if text == hiveNull { text = "%5F" + text.dropFirst() }  // a real value, not a null
        if out.count > maxValueBytes {
            // Cut on a character boundary, then make the name unique again with a hash of the whole value.
            var cut = maxValueBytes
            while cut > 0 && out[cut] & 0xC0 == 0x80 { cut -= 1 }
            text = String(decoding: out[..<cut], as: UTF8.self) + "~" + String(SHA256.hex(of: value).prefix(16))
        }
        return text
    }
}
