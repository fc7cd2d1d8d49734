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
    static func domain(_ url: String) -> String? {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound]
            guard !name.isEmpty, name.utf8.allSatisfy({ isSchemeByte($0) }) else { return nil }
            rest = rest[scheme.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("/") || !rest.contains(".") {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        var host =
            hostAndPort.hasPrefix("[")
            ? hostAndPort.prefix { $0 != "]" }.dropFirst()  // an IPv6 literal
            : hostAndPort.prefix { $0 != ":" }
        while host.hasSuffix(".") { host = host.dropLast() }
        var lower = host.lowercased()
        if lower.hasPrefix("www.") { lower.removeFirst(4) }
        guard !lower.isEmpty, !lower.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        return lower
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D
            || b == 0x2E
    }
}
