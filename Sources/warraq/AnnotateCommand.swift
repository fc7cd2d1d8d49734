import ArgumentParser
import Foundation
import Warraq

struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Show what the pipeline makes of articles: one JSON object per record, with every output column.",
        discussion:
            "Runs ingest, clean and annotate (nothing is written). A dropped record has \"drop_reason\"; "
            + "a rejected one has \"reject_reason\" and \"detail\"."
    )

    @Option(help: "The pipeline file (default: pipelines/arabic-news.yaml if it exists, else the built-in defaults).")
    var pipeline: String?
    @Argument(help: "Files or folders to read.") var files: [String]
    @Flag(
        help:
            "Print no records: only how many, and how fast clean and annotate ran (MB of text per second on one core).")
    var summary = false

    func run() throws {
        let config = try pipelineOrDefault(pipeline)
        let out = FileHandle.standardOutput
        if summary {
            let s = try PipelineRunner.measureStages(paths: files, config: config)
            print(
                String(
                    format: "records %d, text %.2f MB, clean+annotate %.3f s on one core: %.1f MB/s", s.records,
                    Double(s.textBytes) / 1e6, s.seconds, Double(s.textBytes) / 1e6 / max(s.seconds, 1e-9)))
            return
        }
        let columns = DocumentBuilder(config: config).columns
        try PipelineRunner.annotate(paths: files, config: config) { result in
            var object: JSONObject
            switch result {
            case .success(let doc):
                object = OutputSchema.json(doc, columns: columns)
                if let reason = doc.dropReason { object.members.append(("drop_reason", .string(reason.rawValue))) }
            case .failure(let r):
                object = JSONObject(members: [
                    ("input_path", .string(r.inputPath)),
                    ("input_record", r.inputRecord.map { .number(String($0)) } ?? .null),
                    ("reject_reason", .string(r.reason.rawValue)), ("detail", .string(r.detail)),
                ])
            }
            out.write(Data((JSONWriter.serialize(.object(object)) + "\n").utf8))
        }
    }
}
