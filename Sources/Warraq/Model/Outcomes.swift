/// Why an input record (or the rest of an input) was not read: the key of `RunCounts.rejected`, the `reason` of a
/// line in the rejects file. The raw values are the names the manifest and the rejects file use.
public enum RejectReason: String, Sendable, CaseIterable, Codable {
    // Paths
    case missingInput = "missing_input"
    case symlinkLoop = "symlink_loop"
    case unreadableFile = "unreadable_file"
    case emptyFile = "empty_file"
    case binaryFile = "binary_file"
    // Archives and compression
    case nestedArchive = "nested_archive"
    case corruptZip = "corrupt_zip"
    case unsupportedZipMethod = "unsupported_zip_method"
    case gzipError = "gzip_error"
    case truncatedGzip = "truncated_gzip"
    case corruptGzip = "corrupt_gzip"
    case decompressionBomb = "decompression_bomb"
    // Records
    case recordTooLarge = "record_too_large"
    case undecodableText = "undecodable_text"
    case invalidJSON = "invalid_json"
    case notAnObject = "not_an_object"
    case csvUnbalancedQuote = "csv_unbalanced_quote"
    case csvFieldCount = "csv_field_count"
    case invalidParquet = "invalid_parquet"
}

/// Why the filter step (or the dedup step) dropped a document: the key of `RunCounts.dropped`. Each quality rule has
/// one; `nearDuplicate` is the dedup step's, with `dedup.near.drop`.
public enum DropReason: String, Sendable, CaseIterable, Codable {
    case emptyText = "empty_text"
    case tooFewWords = "too_few_words"
    case tooManyWords = "too_many_words"
    case notArabic = "not_arabic"
    case oddWordLength = "odd_word_length"
    case tooFewStopwords = "too_few_stopwords"
    case repeatedLines = "repeated_lines"
    case nearDuplicate = "near_duplicate"
}
