extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent (or null): how every option of a pipeline
    /// file gets its default.
    func decode<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
