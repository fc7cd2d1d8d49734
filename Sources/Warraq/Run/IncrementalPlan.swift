import Foundation
import Parquet

/// What an incremental run does with each input, against the dataset's current manifest: inputs with the
/// same path, size and SHA-256 are skipped; new and changed ones are read; the rows of changed ones
/// are replaced.
struct IncrementalPlan {
    var toProcess: [InputReader.InputFile] = []
    /// Inputs skipped, as the current manifest recorded them.
    var unchanged: [Manifest.Input] = []
    /// Inputs being read again whose earlier rows must go.
    var replaced = Set<String>()
    /// Inputs of the current manifest that this run does not see any more (their rows stay).
    var absent: [Manifest.Input] = []

    init(files: [InputReader.InputFile], previous: Manifest?) {
        guard let previous else { toProcess = files; return }
        var byPath: [String: Manifest.Input] = [:]
        for i in previous.inputs { byPath[i.path] = i }
        for file in files {
            guard let old = byPath.removeValue(forKey: file.path) else { toProcess.append(file); continue }
            if old.bytes == file.bytes, old.counts != nil, (try? FileOps.sha256(path: file.path).hex) == old.sha256 {
                unchanged.append(old)
            } else {
                toProcess.append(file)
                replaced.insert(file.path)
            }
        }
        absent = previous.inputs.filter { byPath[$0.path] != nil }
    }

    var nothingToDo: Bool { toProcess.isEmpty }

    /// Whether a row's `input_path` came from one of the replaced inputs (an archive's entries included).
    func isReplaced(_ inputPath: String) -> Bool {
        if replaced.contains(inputPath) { return true }
        guard let bang = inputPath.range(of: "!/") else { return false }
        return replaced.contains(String(inputPath[..<bang.lowerBound]))
    }
}
