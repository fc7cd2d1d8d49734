/// The clean stage's switches and lists, from the pipeline file's `clean:` section.
public struct CleanOptions: Decodable, Sendable, Equatable {
    /// Remove scraper placeholders such as `[ad_1]`, `[source_link]` (WP Automatic's tags).
    public var placeholders = true
    /// Tag names removed as `[name]` or `[name_N]`.
    public var placeholderTags = [
        "ad", "source_link", "matched_content", "original_title", "author_name", "author_link",
        "keyword", "publish_date", "source_domain", "source_url_encoded", "rule",
    ]
    /// Strip HTML tags (block tags become paragraph breaks) and decode entities.
    public var html = true
    /// Map Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to letters.
    public var presentationForms = true
    /// Boilerplate lines at an article's start and end.
    public var boilerplate = BoilerplateOptions()
    /// Repair UTF-8 text that was decoded as Windows-1252 or Windows-1256 (where re-encoding proves it).
    public var repairMojibake = true
    /// The steps that make `text_normalized` from `text`, in order.
    public var normalize: [NormalizationStep] = NormalizationStep.searchDefault

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case placeholders, placeholderTags = "placeholder_tags", html, presentationForms = "presentation_forms",
            normalize
        case boilerplate, repairMojibake = "repair_mojibake"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CleanOptions()
        placeholders = try c.decode(.placeholders, or: d.placeholders)
        placeholderTags = try c.decode(.placeholderTags, or: d.placeholderTags)
        html = try c.decode(.html, or: d.html)
        presentationForms = try c.decode(.presentationForms, or: d.presentationForms)
        normalize = try c.decode(.normalize, or: d.normalize)
        boilerplate = try c.decode(.boilerplate, or: d.boilerplate)
        repairMojibake = try c.decode(.repairMojibake, or: d.repairMojibake)
    }
}
