extension String {
    /// A string of `bytes`, which its maker built as valid UTF-8 from whole scalars: copied without the validation
    /// that `String(decoding:as:)` does again (about 1.7 ns a byte; every article's cleaned text and its search form
    /// went through it, 8 % of clean + annotate).
    ///
    /// Safety: the caller's construction is the proof (each caller says why its bytes are whole scalars): a String
    /// of invalid UTF-8 would break the standard library's invariant. Debug builds (every `swift test`, under the
    /// sanitizers too) and the fuzz harnesses validate the bytes anyway and stop at the first that would not have
    /// passed.
    init(validUTF8 bytes: Span<UInt8>) {
        #if DEBUG || WARRAQ_LIBFUZZER
            precondition(
                bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil,
                "String(validUTF8:) was given bytes that are not valid UTF-8")
        #endif
        self = String(copying: unsafe UTF8Span(unchecked: bytes))
    }
}
