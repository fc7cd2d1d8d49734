/// The clean and annotate stages for one record: field mapping, cleaning, normalization, language,
/// counts and hashes. Pure: no I/O, no shared state, so batches run on any thread in any order.
public struct DocumentBuilder: Sendable {
    public let fields: FieldMapping
    public let cleaner: TextCleaner
    public let normalizer: Normalizer
    public let languages = LanguageIdentifier()
    public let dates = DateExtractor.shared
    public let gazetteer = Gazetteer.shared
    public let keywordExtractor = KeywordExtractor()
    public let filter: FilterOptions
    /// Whether `text_normalized` is the search form the annotators read (the default): then it comes out
    /// of their pass over the text.
    private let normalizerIsSearchDefault: Bool
    let boilerplate: BoilerplateRemover
    let repairMojibake: Bool

    public init(config: PipelineConfig) {
        fields = config.fields
        cleaner = TextCleaner(options: config.clean)
        normalizer = Normalizer(steps: config.clean.normalize)
        normalizerIsSearchDefault = config.clean.normalize == NormalizationStep.searchDefault
        filter = config.filter
        boilerplate = BoilerplateRemover(options: config.clean.boilerplate)
        repairMojibake = config.clean.repairMojibake
    }

    /// Builds the document of one record; a document the filters drop has `dropReason` set.
    public func build(_ record: RawRecord) -> Document {
        let f = record.fields
        var rawText = FieldMapping.text(FieldMapping.value(record.isPlainText ? ["text"] : fields.text, in: f)) ?? ""
        var rawTitle = FieldMapping.text(FieldMapping.value(fields.title, in: f))
        var repaired: MojibakeRepair.Kind?
        if repairMojibake {
            if let (fixed, kind) = MojibakeRepair.repair(rawText) { rawText = fixed; repaired = kind }
            if let t = rawTitle, let (fixed, kind) = MojibakeRepair.repair(t) { rawTitle = fixed; repaired = kind }
        }
        let cleaned = cleaner.clean(rawText)
        var body = 0..<cleaned.count
        var title = rawTitle.map(cleaner.line)
        var kicker = FieldMapping.text(FieldMapping.value(fields.kicker, in: f)).map(cleaner.line)
        if record.isPlainText {
            let split = HeadlineSplitter.split(cleaned)
            (kicker, title, body) = (split.kicker, split.title, split.bodyStart..<cleaned.count)
        }
        body = boilerplate.kept(cleaned, in: body)
        let text = cleaned.text(of: body)
        let source = FieldMapping.text(FieldMapping.value(fields.source, in: f)).map(cleaner.line).flatMap { $0.isEmpty ? nil : $0 }
            ?? record.defaultSource
        let url = FieldMapping.text(FieldMapping.value(fields.url, in: f)).map(\.trimmedOfWhitespace)
        let contentHash = SHA256.hex(of: text)
        let id = FieldMapping.text(FieldMapping.value(fields.id, in: f)).map(\.trimmedOfWhitespace)
            ?? String(SHA256.hex(of: source + "\n" + (url.flatMap { $0.isEmpty ? nil : $0 } ?? contentHash)).prefix(24))
        var doc = Document(
            id: id, source: source, url: url?.isEmpty == true ? nil : url,
            title: title?.isEmpty == true ? nil : title, kicker: kicker?.isEmpty == true ? nil : kicker,
            author: FieldMapping.text(FieldMapping.value(fields.author, in: f)).map(cleaner.line).flatMap { $0.isEmpty ? nil : $0 },
            publishedAt: DateParsing.parse(FieldMapping.value(fields.date, in: f)),
            text: text, inputPath: record.inputPath, inputRecord: record.inputRecord)
        doc.inputFile = record.inputFile
        doc.repaired = repaired?.rawValue
        if record.encoding != .utf8 { doc.decodedFrom = record.encoding.rawValue }
        doc.paragraphCount = body.count
        doc.contentHash = contentHash
        // The annotators share one pass over the title's and the text's words in their search form.
        let words = SearchWords(title: title, text: text, normalizing: normalizerIsSearchDefault)
        doc.textNormalized = words.normalizedText ?? normalizer.normalize(text)
        doc.charCount = words.counts.chars
        doc.wordCount = words.counts.words
        doc.sentenceCount = words.counts.sentences
        (doc.language, doc.languageScore) = languages.identify(words)
        doc.languageScore = (doc.languageScore * 10_000).rounded() / 10_000
        doc.datesMentioned = dates.dates(in: words, published: doc.publishedAt)
        doc.entities = gazetteer.find(in: words)
        doc.keywords = keywordExtractor.keywords(words, title: title, text: text)
        doc.dropReason = filter.dropReason(doc, paragraphs: cleaned, in: body, words: words)
        return doc
    }
}

import Foundation
