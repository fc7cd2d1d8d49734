/// Which encoding a record's text was decoded from (counted in the run's statistics by its raw value).
public enum TextEncoding: String, Sendable {
    case utf8, utf16, windows1256
}
