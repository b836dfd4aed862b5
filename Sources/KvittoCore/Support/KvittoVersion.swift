/// Kvitto's version: what `kvitto --version` prints and the API document's `info.version`. scripts/release
/// reads it from this line to name the file it writes.
public enum KvittoVersion {
    public static let number = "0.1.0"
}
