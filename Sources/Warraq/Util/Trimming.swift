import Foundation

extension String {
    /// The string without white space at either end; most values have none and come back as they are,
    /// without Foundation's trimming (slow: it goes through NSString).
    var trimmedOfWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
