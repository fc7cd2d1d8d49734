import Foundation
import FuzzHarnesses
import Testing

/// Every file of the committed fuzz corpus (seeds, and the findings of earlier runs) goes through its harness:
/// under `swift test --sanitize=address` this replays each finding, so a fixed crash stays fixed.
@Suite struct FuzzCorpusTests {
    static let corpus = repositoryRoot.appendingPathComponent("Fuzz/corpus")

    static func files(_ harness: FuzzHarness) -> [URL] {
        let folder = corpus.appendingPathComponent(harness.rawValue)
        let all =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? []
        return all.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzHarness.allCases)
    func everyCorpusFileRuns(harness: FuzzHarness) throws {
        let files = Self.files(harness)
        #expect(files.count >= 3, "the seed corpus of \(harness) is missing")
        for file in files { harness.run(Array(try Data(contentsOf: file))) }
    }
}
