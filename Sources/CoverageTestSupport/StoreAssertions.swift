import Foundation
import Testing

/// How to compare a store before and after an operation.
public enum StoreComparison: Sendable {
    /// Row counts and content hashes of every table (`StoreSnapshot`).
    case contents
    /// A hash of the file's bytes, for files SQLite cannot read (damaged, not a database).
    case bytes
}

/// What a store file looked like, to prove that an operation left it exactly as it was.
public enum StoreState: Equatable, Sendable, CustomStringConvertible {
    /// There is no file.
    case absent
    /// The tables' row counts and content hashes.
    case contents(StoreSnapshot)
    /// The size and a 64-bit hash of the file's bytes.
    case bytes(String)

    /// Captures the state of the file at `path`.
    public static func capture(_ path: String, _ comparison: StoreComparison = .contents) throws -> StoreState {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        switch comparison {
        case .contents: return .contents(try StoreSnapshot.take(path))
        case .bytes:
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            var hasher = FNV1a()
            data.withUnsafeBytes { hasher.add(tag: 5, $0) }
            return .bytes("\(data.count) bytes, hash \(String(hasher.value, radix: 16))")
        }
    }

    /// What changed from `before` to this state: the differing tables, or both states.
    public func changes(from before: StoreState) -> String {
        guard case .contents(let old) = before, case .contents(let new) = self else {
            return "\(before) → \(self)"
        }
        let names = Set(old.tables.keys).union(new.tables.keys).sorted()
        return names.filter { old.tables[$0] != new.tables[$0] }
            .map { "\($0) \(old.tables[$0] ?? "absent") → \(new.tables[$0] ?? "absent")" }
            .joined(separator: ", ")
    }

    public var description: String {
        switch self {
        case .absent: "absent"
        case .contents(let s): s.description
        case .bytes(let digest): digest
        }
    }
}

/// How a test starts `covaudit`.
public enum Launch: Sendable {
    /// Directly.
    case direct
    /// Under `ulimit -f` of about this many bytes (RLIMIT_FSIZE).
    case fileSizeLimit(bytes: Int)
    /// Through another program: runs `command + [covaudit] + args` (e.g. `unshare` and a shell
    /// that sets up a mount first).
    case through([String])

    /// Runs `covaudit args` this way.
    public func run(_ args: [String]) throws -> ProcessResult {
        switch self {
        case .direct: return try CovauditBinary.run(args)
        case .fileSizeLimit(let bytes): return try CovauditBinary.run(args, fileSizeLimit: bytes)
        case .through(let command):
            guard let program = command.first else { return try CovauditBinary.run(args) }
            return try ProcessRunner.run(program, Array(command.dropFirst()) + [CovauditBinary.path()] + args)
        }
    }
}

/// Runs `covaudit args` and asserts that it failed cleanly: exit status 1, one
/// `covaudit: error:` message on stderr containing every fragment of `messageContains` (the file,
/// the line or feature, the reason), and the store at `store` exactly as it was before.
///
/// - Parameters:
///   - comparing: `.bytes` for stores SQLite cannot read (damaged, not a database).
///   - launch: how to start covaudit (directly, under a file size limit, through a wrapper).
/// - Returns: the run's result, for further checks.
@discardableResult
public func assertFailsCleanly(
    args: [String], store: String, messageContains fragments: [String], comparing: StoreComparison = .contents,
    launch: Launch = .direct, sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessResult {
    let before = try StoreState.capture(store, comparing)
    let result = try launch.run(args)
    let after = try StoreState.capture(store, comparing)
    let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("covaudit: error: ") }
    let missing = fragments.filter { !result.stderr.contains($0) }
    let problems =
        (result.status == 1 ? [] : ["exit status \(result.status), expected 1"])
        + (errors.count == 1 ? [] : ["\(errors.count) `covaudit: error:` lines, expected 1"])
        + (missing.isEmpty ? [] : ["stderr lacks \(missing)"])
        + (after == before ? [] : ["the store changed: \(after.changes(from: before))"])
    #expect(
        problems.isEmpty,
        "covaudit \(args.joined(separator: " ")): \(problems.joined(separator: "; "))\nstderr: \(result.stderr)",
        sourceLocation: sourceLocation)
    return result
}
