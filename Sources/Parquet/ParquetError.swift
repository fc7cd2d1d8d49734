/// Everything that can go wrong reading or writing a Parquet file, with a message a person can act on.
public enum ParquetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file is not Parquet at all (no `PAR1` magic, too short).
    case notParquet(String)
    /// The footer or a page header does not decode as Thrift, or holds impossible values.
    case corruptMetadata(String)
    /// A page or its levels or values do not match what the headers say.
    case corruptData(String)
    /// The file uses a feature this reader does not implement (the feature is named).
    case unsupported(String)
    /// A value given to the writer does not fit its column.
    case invalidValue(String)
    /// The schema given to the writer is not valid.
    case invalidSchema(String)
    /// zlib or the file system failed.
    case io(String)

    public var description: String {
        switch self {
        case .notParquet(let m): return "not a Parquet file: \(m)"
        case .corruptMetadata(let m): return "corrupt Parquet metadata: \(m)"
        case .corruptData(let m): return "corrupt Parquet data: \(m)"
        case .unsupported(let m): return "unsupported Parquet feature: \(m)"
        case .invalidValue(let m): return "invalid value: \(m)"
        case .invalidSchema(let m): return "invalid schema: \(m)"
        case .io(let m): return "I/O error: \(m)"
        }
    }
}
