import CKvittoBuild
import KvittoCore

/// What `kvitto --version` says: the version, and the commit when scripts/release built the binary (it
/// passes the commit to the C compiler; a plain `swift build` cannot know it and says so).
public enum BuildInfo {
    public static var commit: String? {
        let commit = String(cString: kvitto_build_commit())
        return commit.isEmpty ? nil : commit
    }

    public static var versionLine: String {
        "kvitto \(KvittoVersion.number) (" + (commit.map { "commit \($0)" } ?? "a development build: scripts/release records the commit") + ")"
    }
}
