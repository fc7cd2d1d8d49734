/// `entities`, and by kind `people`, `places` and `organizations`: the names the gazetteers find.
struct EntitiesAnnotator: Annotator {
    static let name: String? = "entities"
    static let columns: [OutputColumn] = [
        .stringList("entities") { $0.entities.map(\.name) },
        .stringList("people") { names($0, .person) },
        .stringList("places") { names($0, .place) },
        .stringList("organizations") { names($0, .organization) },
    ]

    private static func names(_ doc: Document, _ kind: EntityMention.Kind) -> [String] {
        doc.entities.filter { $0.kind == kind }.map(\.name)
    }

    func annotate(_ doc: inout Document, words: SearchWords) {
        doc.entities = Gazetteer.shared.find(in: words)
    }
}
