import Yams

/// How a pipeline file's YAML becomes a `PipelineConfig`: Yams' decoder, with numbers as YAML 1.2 reads them.
///
/// YAML 1.1 read a plain scalar with colons as a base-60 number (`1:30` is 90), and Yams still does when it decodes an
/// integer, with trapping arithmetic: `level: 5222222222222222:22222:22` stopped the run (found by the `yaml` fuzz
/// harness). YAML 1.2, which drops base 60, is followed instead: such a scalar is a string, so an integer option that
/// holds one is an error that names it ("must be a whole number").
enum PipelineYAML {
    /// Decodes `text` (a whole YAML document; empty is an empty mapping).
    /// - Throws: what `YAMLDecoder` throws: `DecodingError`, with a `YamlError` inside for text that is not YAML.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let parser: Parser
        let root: Node
        do {
            // The options `YAMLDecoder.decode(_:from:)` parses with (merge keys only: no other tag is resolved).
            parser = try Parser(
                yaml: text.isEmpty ? "{}" : text, resolver: Resolver.basic.appending(Resolver.Rule.merge))
            root = try parser.singleRoot() ?? ""
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "The given data was not valid YAML.", underlyingError: error))
        }
        // The parser holds the anchors the nodes refer to weakly: it lives until decoding is done.
        return try withExtendedLifetime(parser) { try YAMLDecoder().decode(type, from: withoutBase60(root)) }
    }

    /// `node` with every plain scalar that holds a colon made a quoted one, which Yams never reads as a number.
    static func withoutBase60(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            if (scalar.style == .plain || scalar.style == .any) && scalar.string.contains(":") {
                scalar.style = .doubleQuoted
            }
            return .scalar(scalar)
        case .mapping(var mapping):
            for i in mapping.indices {
                mapping[i] = (key: withoutBase60(mapping[i].key), value: withoutBase60(mapping[i].value))
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for i in sequence.indices { sequence[i] = withoutBase60(sequence[i]) }
            return .sequence(sequence)
        case .alias:
            return node  // the parser resolves aliases to their nodes: none is left in a composed tree
        }
    }
}
