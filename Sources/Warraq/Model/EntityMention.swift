/// A person, place or organization an article names, by its canonical name (what the gazetteers find).
public struct EntityMention: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case person, place, organization }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
