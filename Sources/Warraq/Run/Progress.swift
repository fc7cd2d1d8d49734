import Foundation

/// Reports a run's progress on standard error: a live line on a terminal, plain log lines otherwise.
final class Progress {
    /// Plain text, or one JSON object a line (`--log-format json`).
    let json: Bool
    private let totalFiles: Int
    private let totalBytes: Int64
    private let live: Bool
    private let start = Date()
    private var lastReport = Date.distantPast
    private(set) var filesDone = 0
    private(set) var bytesDone: Int64 = 0
    var records = 0
    let quiet: Bool

    init(totalFiles: Int, totalBytes: Int64, quiet: Bool, json: Bool) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.quiet = quiet
        self.json = json
        live = !json && isatty(STDERR_FILENO) == 1
    }

    func fileDone(bytes: Int64) {
        filesDone += 1
        bytesDone += bytes
        tick()
    }

    func tick(force: Bool = false) {
        guard !quiet else { return }
        let now = Date()
        let interval = live ? 0.25 : 10
        guard force || now.timeIntervalSince(lastReport) >= interval else { return }
        lastReport = now
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let mb = Double(bytesDone) / 1e6
        let rate = mb / seconds
        let remaining = rate > 0 ? Double(totalBytes - bytesDone) / 1e6 / rate : 0
        let line = String(format: "files %d/%d, records %d, %.1f/%.1f MB, %.1f MB/s, %.0f docs/s, ETA %@",
                          filesDone, totalFiles, records, mb, Double(totalBytes) / 1e6, rate, Double(records) / seconds,
                          Self.duration(remaining))
        if json {
            let object = JSONObject(members: [
                ("time", .string(Manifest.iso(now))), ("level", .string("info")), ("event", .string("progress")),
                ("files_done", .number(String(filesDone))), ("files", .number(String(totalFiles))),
                ("records", .number(String(records))), ("bytes_done", .number(String(bytesDone))),
                ("bytes", .number(String(totalBytes))), ("mb_per_s", .number(String(format: "%.2f", rate))),
                ("eta_s", .number(String(format: "%.0f", remaining.isFinite ? remaining : 0))),
            ])
            FileHandle.standardError.write(Data((JSONWriter.serialize(.object(object)) + "\n").utf8))
        } else if live {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        } else {
            FileHandle.standardError.write(Data("warraq: \(line)\n".utf8))
        }
    }

    /// Ends the live line.
    func finish() {
        guard !quiet else { return }
        tick(force: true)
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// A line worth reading whatever `--quiet` says (an upgrade, a shard that no manifest lists), on standard error.
    static func note(_ text: String, json: Bool) {
        let line = json
            ? JSONWriter.serialize(.object(JSONObject(members: [
                ("time", .string(Manifest.iso(Date()))), ("level", .string("warning")), ("event", .string("note")),
                ("message", .string(text)),
            ])))
            : "warraq: note: \(text)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func duration(_ s: Double) -> String {
        if !s.isFinite { return "?" }
        if s < 60 { return String(format: "%.0fs", s) }
        if s < 3600 { return String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60) }
        return String(format: "%dh%02dm", Int(s) / 3600, Int(s) / 60 % 60)
    }
}
