import Foundation

/// A folder that receives several output files (`report --out`, `generate --out`, `demo --out`).
public enum OutputFolder {
    /// Checks `path` and creates it (with missing parents) when absent; returns its URL.
    ///
    /// Refused: a path that is not a folder, the root folder `/` and the user's home folder itself
    /// (outputs there would mix with everything else; name a folder of their own).
    @discardableResult
    public static func prepare(_ path: String) throws -> URL {
        try check(path)
        try makeFolders(path)
        return URL(fileURLWithPath: path)
    }

    /// Refuses what `prepare` refuses, without creating anything.
    public static func check(_ path: String) throws {
        guard !path.isEmpty else { throw OutputFileError(path: path, reason: "the folder name is empty") }
        if let refusal = refusal(path) { throw OutputFileError(path: path, reason: refusal) }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw OutputFileError(path: path, reason: "it is a file, not a folder; name a folder for the outputs")
        }
    }

    /// Why `path` must not receive outputs (the root or the home folder), or nil.
    static func refusal(_ path: String) -> String? {
        let resolved = canonical(path)
        if resolved == "/" { return "it is the root folder; name a folder of its own for the outputs" }
        let homes = [NSHomeDirectory(), ProcessInfo.processInfo.environment["HOME"] ?? ""].filter { !$0.isEmpty }
        if homes.contains(where: { canonical($0) == resolved }) {
            return "it is your home folder itself; name a folder inside it for the outputs"
        }
        return nil
    }

    /// The absolute path with links and `.`/`..` resolved, as far as it exists.
    static func canonical(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        if let resolved = realpath(absolute.path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let parent = absolute.deletingLastPathComponent()
        guard parent.path != absolute.path else { return absolute.path }
        return (canonical(parent.path) as NSString).appendingPathComponent(absolute.lastPathComponent)
    }

    /// `mkdir -p`, with the operating system's reason when a folder cannot be made.
    static func makeFolders(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputFileError(path: path, reason: "it is a file, not a folder")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolders(parent) }
        if mkdir(path, 0o777) != 0, errno != EEXIST {
            throw OutputFileError(path: path, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
    }
}
