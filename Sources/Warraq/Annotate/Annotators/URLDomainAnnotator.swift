/// `url_domain`: the host of the article's URL, lowercased, without a leading `www.` (`https://WWW.Okaz.com.sa/x`
/// gives `okaz.com.sa`); null when the record has no URL or the URL has no host. Groups articles by site when the
/// `source` field names a feed rather than a site.
struct URLDomainAnnotator: Annotator {
    static let name: String? = "url_domain"
    static let columns: [OutputColumn] = [.string("url_domain") { $0.urlDomain }]

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.urlDomain = doc.url.flatMap(Self.domain)
    }

    /// The host of `url`: after `scheme://` (or `//`) and any `user@`, before the port, path, query or fragment.
    /// A URL without a scheme (`okaz.com.sa/x`) is read as a host and a path; one that is only a path has none.
    /// Read as UTF-8 bytes: every delimiter is ASCII.
    static func domain(_ url: String) -> String? {
        let u = Array(url.utf8)
        var start = 0
        if let colon = find(u, [0x3A, 0x2F, 0x2F]) {  // "://"
            guard colon > 0, u[0..<colon].allSatisfy(isSchemeByte) else { return nil }
            start = colon + 3
        } else if u.starts(with: [0x2F, 0x2F]) {
            start = 2
        } else if u.first == 0x2F || !u.contains(0x2E) {
            return nil
        }
        // The authority ends at the path, the query or the fragment; the host follows any user@.
        var end = start
        while end < u.count, u[end] != 0x2F, u[end] != 0x3F, u[end] != 0x23 { end += 1 }
        if let at = u[start..<end].lastIndex(of: 0x40) { start = at + 1 }
        var hostEnd: Int
        if start < end, u[start] == 0x5B {  // an IPv6 literal: [..]
            start += 1
            hostEnd = u[start..<end].firstIndex(of: 0x5D) ?? end
        } else {
            hostEnd = u[start..<end].firstIndex(of: 0x3A) ?? end
        }
        while hostEnd > start, u[hostEnd - 1] == 0x2E { hostEnd -= 1 }
        var host = u[start..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        guard !host.isEmpty, !host.contains(0x20), !host.contains(0x09) else { return nil }
        return String(decoding: host, as: UTF8.self).lowercased()
    }

    /// The index of the first occurrence of `needle` in `bytes`.
    private static func find(_ bytes: [UInt8], _ needle: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for i in 0...(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D
            || b == 0x2E
    }
}
