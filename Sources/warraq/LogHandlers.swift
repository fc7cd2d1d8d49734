import ArgumentParser
import Foundation
import Logging
import Warraq

/// How the CLI writes log lines on standard error: `--log-format text` or `json`.
enum LogFormat: String, ExpressibleByArgument, Sendable { case text, json }

/// Sets up the process's logging once, for the chosen format; commands then log through `Logger(label: "warraq")`.
enum WarraqLogging {
    static func bootstrap(_ format: LogFormat) {
        LoggingSystem.bootstrap { _ in WarraqLogHandler(format: format) }
    }
}

/// Writes log lines on standard error. Text: `warraq: MESSAGE` (warnings `warraq: note: …`, errors
/// `warraq: error: …`). JSON: one object a line, `time`, `level`, `event`, `message`, then the metadata (numbers as
/// numbers).
struct WarraqLogHandler: LogHandler {
    let format: LogFormat
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (k, v) in event.metadata ?? [:] { all[k] = v }
        let line: String
        switch format {
        case .text:
            let prefix: String
            switch event.level {
            case .warning: prefix = "note: "
            case .error, .critical: prefix = all["exit_code"].map { "\($0)" } == "\(ExitStatus.busy)" ? "" : "error: "
            default: prefix = ""
            }
            line = "warraq: \(prefix)\(event.message)"
        case .json:
            var members: [(key: String, value: JSONValue)] = [
                ("time", .string(Manifest.iso(Date()))), ("level", .string(event.level.rawValue)),
                ("event", .string(all.removeValue(forKey: "event").map { "\($0)" } ?? "message")),
                ("message", .string("\(event.message)")),
            ]
            for (key, value) in all.sorted(by: { $0.key < $1.key }) { members.append((key, Self.json(value))) }
            line = JSONWriter.serialize(.object(JSONObject(members: members)))
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .stringConvertible(let c): return .number(c.description)
        case .array(let items): return .array(items.map(json))
        case .dictionary(let d):
            return .object(JSONObject(members: d.sorted(by: { $0.key < $1.key }).map { ($0.key, json($0.value)) }))
        }
    }
}
