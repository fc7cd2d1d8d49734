import ArgumentParser
import Foundation
import Warraq

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize UTF-8 lines from standard input, one output line per input line.",
        discussion: """
            With --function, one CAMeL Tools function, exactly \
            (\(CamelFunction.allCases.map(\.rawValue).joined(separator: ", "))).
            Without it, the pipeline's text_normalized steps: a search term normalized this way matches the
            text_normalized column.
            """
    )

    @Option(help: "A CAMeL Tools function name.") var function: String?
    @Option(
        help: """
            The pipeline whose normalization to apply (default: pipelines/arabic-news.yaml if it exists, \
            else the built-in steps).
            """
    )
    var pipeline: String?

    func validate() throws {
        if let function, CamelFunction(rawValue: function) == nil {
            throw ValidationError(
                "unknown function \(function); choose one of "
                    + "\(CamelFunction.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    func run() throws {
        let transform: (String) -> String
        if let name = function, let f = CamelFunction(rawValue: name) {
            transform = f.apply
        } else {
            // The same path a text takes to text_normalized: the clean stage, then the normalization steps.
            let config = try pipelineOrDefault(pipeline)
            let cleaner = TextCleaner(options: config.clean), normalizer = Normalizer(steps: config.clean.normalize)
            transform = { normalizer.normalize(cleaner.line($0)) }
        }
        var out: [UInt8] = []
        while let line = readLine(strippingNewline: true) {
            out.append(contentsOf: transform(line).utf8)
            out.append(0x0A)
            if out.count >= 1 << 16 { FileHandle.standardOutput.write(Data(out)); out.removeAll(keepingCapacity: true) }
        }
        FileHandle.standardOutput.write(Data(out))
    }
}

/// The pipeline file given, else pipelines/arabic-news.yaml when it exists, else the built-in defaults.
func pipelineOrDefault(_ path: String?) throws -> PipelineConfig {
    if let path { return try loadPipeline(path).0 }
    let fallback = "pipelines/arabic-news.yaml"
    if FileManager.default.fileExists(atPath: fallback) { return try loadPipeline(fallback).0 }
    return PipelineConfig()
}
