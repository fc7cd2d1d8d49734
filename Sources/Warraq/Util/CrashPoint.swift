#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Named points in a run where a test can make the process kill itself (`WARRAQ_CRASH_AT=name`), to
/// prove that a run killed there leaves the previous dataset intact. Does nothing unless that variable
/// names the point; never set it outside tests.
public enum CrashPoint {
    private static let target = ProcessInfo.processInfo.environment["WARRAQ_CRASH_AT"]

    /// Kills the process with SIGKILL if `WARRAQ_CRASH_AT` is `name`.
    public static func here(_ name: String) {
        guard let target, target == name else { return }
        kill(getpid(), SIGKILL)
    }

    // The points, in the order a run passes them: staged, version-written, shard-moved, shards-moved,
    // manifest-renamed, pruned.

    private static let pause: (name: String, seconds: Double)? = {
        guard let spec = ProcessInfo.processInfo.environment["WARRAQ_PAUSE_AT"], let colon = spec.lastIndex(of: ":"),
            let ms = Double(spec[spec.index(after: colon)...])
        else { return nil }
        return (String(spec[..<colon]), ms / 1000)
    }()

    /// Sleeps if `WARRAQ_PAUSE_AT` is `name:milliseconds` (so that a test can change the inputs mid-run).
    public static func pause(_ name: String) {
        guard let pause, pause.name == name else { return }
        Thread.sleep(forTimeInterval: pause.seconds)
    }
}
