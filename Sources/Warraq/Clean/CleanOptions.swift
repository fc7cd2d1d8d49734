/// The clean stage's switches and lists, from the pipeline file's `clean:` section.
public struct CleanOptions: Codable, Sendable, Equatable {
    /// Remove scraper placeholders such as `[ad_1]`, `[source_link]` (WP Automatic's tags).
    public var placeholders = true
    /// Tag names removed as `[name]` or `[name_N]`.
    public var placeholderTags = ["ad", "source_link", "matched_content", "original_title", "author_name", "author_link",
                                  "keyword", "publish_date", "source_domain", "source_url_encoded", "rule"]
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

    enum CodingKeys: String, CodingKey {
        case placeholders, placeholderTags = "placeholder_tags", html, presentationForms = "presentation_forms", normalize
        case boilerplate, repairMojibake = "repair_mojibake"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CleanOptions()
        placeholders = try c.decodeIfPresent(Bool.self, forKey: .placeholders) ?? d.placeholders
        placeholderTags = try c.decodeIfPresent([String].self, forKey: .placeholderTags) ?? d.placeholderTags
        html = try c.decodeIfPresent(Bool.self, forKey: .html) ?? d.html
        presentationForms = try c.decodeIfPresent(Bool.self, forKey: .presentationForms) ?? d.presentationForms
        normalize = try c.decodeIfPresent([NormalizationStep].self, forKey: .normalize) ?? d.normalize
        boilerplate = try c.decodeIfPresent(BoilerplateOptions.self, forKey: .boilerplate) ?? d.boilerplate
        repairMojibake = try c.decodeIfPresent(Bool.self, forKey: .repairMojibake) ?? d.repairMojibake
    }
}
