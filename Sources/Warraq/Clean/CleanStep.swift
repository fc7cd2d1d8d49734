/// The clean step: a record's fields mapped to a document, mojibake repaired, text and lines cleaned, the title
/// and kicker of a plain-text article split off, boilerplate removed, the date read, and the document's identity
/// (its id, and the hash of its text) fixed. Pure: batches run on any thread.
struct CleanStep: Sendable {
    /// A cleaned document and the paragraphs its text was joined from (the filter step reads them).
    struct Output {
        var document: Document
        var paragraphs: CleanedText
        /// The paragraphs the text holds, after boilerplate.
        var body: Range<Int>
    }

    /// The pipeline's field mapping, its keys lowercased (`RecordKeys` compares them so).
    let fields: FieldMapping
    let cleaner: TextCleaner
    let boilerplate: BoilerplateRemover
    let repairMojibake: Bool

    init(fields: FieldMapping, options: CleanOptions) {
        self.fields = fields.lowercased()
        cleaner = TextCleaner(options: options)
        boilerplate = BoilerplateRemover(options: options.boilerplate)
        repairMojibake = options.repairMojibake
    }

    func clean(_ record: RawRecord) -> Output {
        let f = RecordKeys(record.fields)
        func field(_ keys: [String]) -> String? { FieldMapping.text(f.value(keys)) }
        var rawText = field(record.isPlainText ? ["text"] : fields.text) ?? ""
        var rawTitle = field(fields.title)
        var repaired: MojibakeRepair.Kind?
        if repairMojibake {
            if let (fixed, kind) = MojibakeRepair.repair(rawText) { rawText = fixed; repaired = kind }
            if let t = rawTitle, let (fixed, kind) = MojibakeRepair.repair(t) { rawTitle = fixed; repaired = kind }
        }
        let cleaned = cleaner.clean(rawText)
        var body = 0..<cleaned.count
        var title = rawTitle.map(cleaner.line)
        var kicker = field(fields.kicker).map(cleaner.line)
        if record.isPlainText {
            let split = HeadlineSplitter.split(cleaned)
            (kicker, title, body) = (split.kicker, split.title, split.bodyStart..<cleaned.count)
        }
        body = boilerplate.kept(cleaned, in: body)
        let text = cleaned.text(of: body)
        let source = field(fields.source).map(cleaner.line).flatMap { $0.isEmpty ? nil : $0 } ?? record.defaultSource
        let url = field(fields.url).map(\.trimmedOfWhitespace)
        let contentHash = SHA256.hex(of: text)
        let id =
            field(fields.id).map(\.trimmedOfWhitespace)
            ?? String(SHA256.hex(of: source + "\n" + (url.flatMap { $0.isEmpty ? nil : $0 } ?? contentHash)).prefix(24))
        var doc = Document(
            id: id, source: source, url: url?.isEmpty == true ? nil : url,
            title: title?.isEmpty == true ? nil : title, kicker: kicker?.isEmpty == true ? nil : kicker,
            author: field(fields.author).map(cleaner.line).flatMap { $0.isEmpty ? nil : $0 },
            publishedAt: DateParsing.parse(f.value(fields.date)),
            text: text, inputPath: record.inputPath, inputRecord: record.inputRecord)
        doc.inputFile = record.inputFile
        doc.repaired = repaired?.rawValue
        if record.encoding != .utf8 { doc.decodedFrom = record.encoding.rawValue }
        doc.paragraphCount = body.count
        doc.contentHash = contentHash
        return Output(document: doc, paragraphs: cleaned, body: body)
    }
}
