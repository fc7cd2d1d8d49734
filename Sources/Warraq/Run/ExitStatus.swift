/// The one mapping from errors to the process's exit codes (README, "Exit codes"); 0 is success.
public enum ExitStatus {
    /// The command failed; a dataset it was writing is as it was.
    public static let failure: Int32 = 1
    /// A usage or pipeline file error: fix the command line or the file.
    public static let usage: Int32 = 2
    /// Another run holds the dataset's lock: try again later (sysexits' EX_TEMPFAIL).
    public static let busy: Int32 = 75

    public static func code(for error: any Error) -> Int32 {
        switch error {
        case is DatasetLock.Busy: return busy
        case is PipelineConfigError: return usage
        default: return failure
        }
    }
}
