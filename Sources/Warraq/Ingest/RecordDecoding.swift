/// Turns the raw bytes of one JSON record into fields, falling back to Windows-1256 when they are not UTF-8.
enum RecordDecoding {
    /// Parses a JSON object record, or says why it cannot be one.
    static func jsonObject(_ bytes: UnsafeRawBufferPointer) -> Result<(JSONObject, TextEncoding), IngestError> {
        var encoding = TextEncoding.utf8
        var parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes)
        } catch {
            // Not UTF-8? Windows-1256 JSON is common in older Arabic archives.
            guard String(validating: bytes, as: UTF8.self) == nil else {
                return .failure(.invalidJSON(problem: "\(error)"))
            }
            guard let (text, source) = TextDecoding.decode(bytes), source != .utf8 else {
                return .failure(.undecodableRecord)
            }
            do { parsed = try JSONParser.parse(text) } catch {
                return .failure(.invalidJSON(problem: "\(error)"))
            }
            encoding = source
        }
        guard case .object(let object) = parsed else {
            return .failure(.notAnObject(kind: parsed.kind))
        }
        return .success((object, encoding))
    }

    /// The first bytes of a record as text, for the rejects file.
    /// Safety: `prefix(limit)` is within `bytes`.
    static func excerpt(_ bytes: UnsafeRawBufferPointer, limit: Int = 200) -> String {
        let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(limit))
        return String(decoding: head, as: UTF8.self)
    }
}
