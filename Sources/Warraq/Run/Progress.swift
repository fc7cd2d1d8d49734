import Foundation
import Logging

/// Reports a run's progress: a live line on a terminal, else a log line (`event: progress`) every ten seconds.
final class Progress {
    private let logger: Logger
    private let totalFiles: Int
    private let totalBytes: Int64
    private let live: Bool
    private let start = Date()
    private var lastReport = Date.distantPast
    private(set) var filesDone = 0
    private(set) var bytesDone: Int64 = 0
    var records = 0
    let quiet: Bool

    /// - Parameter live: redraw one line on standard error (a terminal reading text logs) instead of logging.
    init(totalFiles: Int, totalBytes: Int64, quiet: Bool, live: Bool, logger: Logger) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.quiet = quiet
        self.live = live
        self.logger = logger
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
        let line = String(
            format: "files %d/%d, records %d, %.1f/%.1f MB, %.1f MB/s, %.0f docs/s, ETA %@",
            filesDone, totalFiles, records, mb, Double(totalBytes) / 1e6, rate, Double(records) / seconds,
            Self.duration(remaining))
        if live {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            return
        }
        logger.info(
            "\(line)",
            metadata: [
                "event": "progress", "files_done": .stringConvertible(filesDone),
                "files": .stringConvertible(totalFiles),
                "records": .stringConvertible(records), "bytes_done": .stringConvertible(bytesDone),
                "bytes": .stringConvertible(totalBytes), "mb_per_s": .stringConvertible(Self.rounded(rate, 2)),
                "eta_s": .stringConvertible(Self.rounded(remaining.isFinite ? remaining : 0, 0)),
            ])
    }

    /// Ends the live line.
    func finish() {
        guard !quiet else { return }
        tick(force: true)
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ s: Double) -> String {
        if !s.isFinite { return "?" }
        if s < 60 { return String(format: "%.0fs", s) }
        if s < 3600 { return String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60) }
        return String(format: "%dh%02dm", Int(s) / 3600, Int(s) / 60 % 60)
    }

    private static func rounded(_ v: Double, _ digits: Int) -> Double {
        let scale = digits == 0 ? 1.0 : 100.0
        return (v * scale).rounded() / scale
    }
}
