import Foundation

/// Finds and runs the built `covaudit` executable for end-to-end tests.
///
/// `swift test` builds the executable product with the tests, into the same folder as the test
/// bundle (`<scratch>/debug/` with the default `.build` or any `--scratch-path`), so the binary is
/// looked up beside the running test bundle first.
public enum CovauditBinary {
    /// Errors locating the binary.
    public struct NotFound: Error, CustomStringConvertible {
        /// The places searched.
        public var searched: [String]
        public var description: String {
            "the covaudit binary was not found (run `swift build`, or set COVAUDIT_BINARY); searched: "
                + searched.joined(separator: ", ")
        }
    }

    /// The path of the built `covaudit`: `$COVAUDIT_BINARY`, else beside the test bundle, else
    /// `<repository>/.build/debug/covaudit`.
    public static func path() throws -> String {
        let candidates = candidatePaths()
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw NotFound(searched: candidates)
    }

    /// Where `covaudit` may be, most specific first.
    static func candidatePaths() -> [String] {
        var out: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["COVAUDIT_BINARY"], !explicit.isEmpty {
            out.append(explicit)
        }
        var folders: [URL] = []
        // Linux: the test runner is an executable (`covauditPackageTests.xctest`) in the products folder.
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        // macOS: the tests are an `.xctest` bundle in the products folder, loaded by `xctest`.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        for folder in folders {
            let candidate = folder.appendingPathComponent("covaudit").path
            if !out.contains(candidate) { out.append(candidate) }
        }
        out.append(TestPaths.repositoryRoot.appendingPathComponent(".build/debug/covaudit").path)
        return out
    }

    /// Runs `covaudit` with `arguments` and waits for it.
    public static func run(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(path(), arguments, stdin: stdin)
    }

    /// Runs `covaudit` under `/bin/sh` with a file size limit of about `bytes`.
    ///
    /// The limit is `ulimit -f` (RLIMIT_FSIZE; POSIX counts in 512-byte blocks). SIGXFSZ is left at
    /// its default: covaudit itself must ignore it and report the failed write.
    public static func run(_ arguments: [String], fileSizeLimit bytes: Int) throws -> ProcessResult {
        let blocks = max(1, bytes / 512)
        return try ProcessRunner.run(
            "/bin/sh", ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", try path()] + arguments)
    }

    /// Starts `covaudit` without waiting; its output goes to files in `directory`.
    public static func start(_ arguments: [String], outputIn directory: URL) throws -> BackgroundProcess {
        try BackgroundProcess(executable: path(), arguments: arguments, outputIn: directory)
    }
}
