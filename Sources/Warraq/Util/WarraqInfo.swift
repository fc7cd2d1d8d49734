/// Facts about this build of Warraq.
public enum WarraqInfo {
    /// The release: in the manifest's `run.warraq_version` (a dataset made by another one is rebuilt) and `--version`.
    public static let version = "0.6.0"
    /// The `created_by` of every Parquet file warraq writes.
    public static let createdBy = "warraq version \(version)"
}
