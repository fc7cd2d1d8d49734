import Foundation
import Parquet

/// Cuts a run's inputs into `tasks` contiguous slices of about equal bytes, for `warraq run --task I --tasks N`.
///
/// The inputs keep their reading order: task 0 reads the first slice, task 1 the next, and so on, so that the tasks'
/// rows in task order are a single run's rows in input order. A JSON lines or CSV file that crosses a slice boundary
/// is cut there into pieces (`InputFile.piece`: the records whose first byte lies in the piece); any other file
/// goes whole to the slice its first byte falls in. Every task computes the same slices from the same file list.
enum TaskSlicer {
    /// The slices, one for each task (some may be empty when there are more tasks than bytes to cut).
    static func slices(
        _ files: [InputReader.InputFile], tasks: Int, splittable: (InputReader.InputFile) -> Bool = isSplittable
    ) -> [[InputReader.InputFile]] {
        let n = max(1, tasks)
        var out = [[InputReader.InputFile]](repeating: [], count: n)
        let total = files.reduce(Int64(0)) { $0 + max(0, $1.bytes) }
        guard total > 0 else {
            out[0] = files
            return out
        }
        /// Where slice `k` starts, in bytes of all inputs together: ⌊k × total / n⌋.
        func boundary(_ k: Int) -> Int64 { mulDiv(Int64(k), total, Int64(n)) }
        /// The slice that byte `x` belongs to.
        func slice(of x: Int64) -> Int {
            var k = Int(min(Int64(n - 1), mulDiv(x, Int64(n), total)))
            while k + 1 < n && boundary(k + 1) <= x { k += 1 }
            while k > 0 && boundary(k) > x { k -= 1 }
            return k
        }
        var offset: Int64 = 0
        for file in files {
            let start = offset, end = offset + max(0, file.bytes)
            offset = end
            guard end > start, slice(of: start) != slice(of: end - 1), splittable(file) else {
                out[slice(of: start)].append(file)
                continue
            }
            var cuts = [start]
            for k in (slice(of: start) + 1)...slice(of: end - 1) where boundary(k) > start { cuts.append(boundary(k)) }
            for (i, a) in cuts.enumerated() {
                let upper = i + 1 < cuts.count ? cuts[i + 1] - start : Int64.max
                var piece = file
                piece.piece = (a - start)..<upper
                out[slice(of: a)].append(piece)
            }
        }
        return out
    }

    /// Whether a file can be cut into pieces: a plain (not compressed) JSON lines, CSV or TSV file.
    static func isSplittable(_ file: InputReader.InputFile) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        return InputFormat.detect(name: file.path, head: head).isSplittable
    }

    /// ⌊a × b / c⌋ without overflow (a × b is computed in 128 bits); a, b ≥ 0, c > 0.
    private static func mulDiv(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        let product = UInt64(a).multipliedFullWidth(by: UInt64(b))
        guard product.high < UInt64(c) else { return .max }
        return Int64(UInt64(c).dividingFullWidth(product).quotient)
    }
}
