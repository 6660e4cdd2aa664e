import Foundation

/// A child process running in the background (for kill and concurrency tests).
///
/// Output goes to files rather than pipes, so a chatty child never blocks on a full pipe.
///
/// `@unchecked Sendable`: every stored property is a `let` set in `init`; `Process` is configured
/// and started there and afterwards only queried, signalled or waited on, which Foundation's
/// `Process` allows from any thread.
public final class BackgroundProcess: @unchecked Sendable {
    private let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `executable` with `arguments`; stdout and stderr are written to files in `directory`.
    public init(executable: String, arguments: [String], outputIn directory: URL) throws {
        let tag = UUID().uuidString.prefix(8)
        stdoutURL = directory.appendingPathComponent("bg-\(tag).out")
        stderrURL = directory.appendingPathComponent("bg-\(tag).err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// True while the child runs.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL by default) to the child.
    public func kill(_ signal: Int32 = SIGKILL) {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
    }

    /// Waits for the child to end and returns its status and output.
    ///
    /// A child killed by a signal reports `128 + signal`.
    public func wait() -> ProcessResult {
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(
            status: status,
            stdout: Self.text(stdoutURL), stderr: Self.text(stderrURL))
    }

    /// The stderr written so far.
    public var stderrSoFar: String { Self.text(stderrURL) }

    private static func text(_ url: URL) -> String {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
