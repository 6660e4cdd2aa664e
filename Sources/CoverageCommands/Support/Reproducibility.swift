import Foundation

/// What makes an output folder the same wherever and whenever it is written: the time from
/// SOURCE_DATE_EPOCH and paths relative to the folder.
enum Reproducibility {
    /// The recorded time: SOURCE_DATE_EPOCH (whole seconds since 1970, UTC) when set, otherwise `now`.
    static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date())
        throws -> String
    {
        var date = now
        if let text = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int64(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                throw CommandFailure(message: "SOURCE_DATE_EPOCH must be whole seconds since 1970 (got '\(text)')")
            }
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return ISO8601DateFormatter().string(from: date)
    }

    /// `path` written relative to `folder` (both resolved from the current directory), "." for the folder itself.
    static func relativePath(_ path: String, from folder: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The command line with the values of the path options made relative to the output folder, so that
    /// it runs from the folder and records no absolute path.
    static func command(_ arguments: [String], outputFolder: String, pathOptions: Set<String>) -> [String] {
        var out: [String] = []
        var pendingPath = false
        for arg in arguments {
            if pendingPath {
                out.append(relativePath(arg, from: outputFolder))
                pendingPath = false
            } else if let eq = arg.firstIndex(of: "="), pathOptions.contains(String(arg[..<eq])) {
                out.append(String(arg[...eq]) + relativePath(String(arg[arg.index(after: eq)...]), from: outputFolder))
            } else {
                out.append(arg)
                pendingPath = pathOptions.contains(arg)
            }
        }
        return out
    }

    /// The options of `report` and `demo` whose values are paths.
    static let reportPathOptions: Set<String> = ["--db", "--claims", "--out"]
}
