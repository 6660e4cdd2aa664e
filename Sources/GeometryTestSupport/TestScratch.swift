import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One scratch folder per test process, under the system's temporary folder, for every folder the
/// tests make: removed when the process exits; folders left by killed runs are removed next time.
///
/// Stores and report folders made by the suites add up to gigabytes per `swift test`; without this
/// they stayed in the temporary folder after every run.
public enum TestScratch {
    /// Names of the per-process folders: this prefix and the process id.
    static let prefix = "covaudit-tests-"

    /// This process's scratch folder (created on first use).
    public static let root: URL = {
        let tmp = FileManager.default.temporaryDirectory
        removeFoldersOfEndedRuns(in: tmp)
        let root = tmp.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return root
    }()

    /// A new empty folder `label-UUID` inside this process's scratch folder.
    public static func directory(_ label: String) throws -> URL {
        let url = root.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes the scratch folders of test processes that no longer run.
    static func removeFoldersOfEndedRuns(in tmp: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
    }
}
