import Foundation

/// File-system checks made before a store is opened for writing, so that a store the user marked
/// read-only stays untouched even for root (who bypasses permission bits).
enum StoreAccess {
    /// Why the store at `path` must not be written, or nil when writing is allowed.
    static func writeRefusal(_ path: String) -> String? {
        if isOnReadOnlyFileSystem(path) { return "it is on a read-only file system" }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        if mode & 0o222 == 0 {
            return "its permissions \(permissions(mode)) let no one write it; `chmod u+w` it to allow writing"
        }
        if access(path, W_OK) != 0 {
            return "it cannot be written: \(String(cString: strerror(errno))) (permissions \(permissions(mode)))"
        }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        if !FileManager.default.fileExists(atPath: path + "-wal"), access(dir, W_OK) != 0 {
            return "its folder \(dir) is not writable, so its journal (\(path)-wal) cannot be created"
        }
        return nil
    }

    /// True when `path` lives on a file system mounted read-only (a CD, a read-only mount).
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var fs = statvfs()
        guard statvfs(path, &fs) == 0 else { return false }
        return fs.f_flag & UInt(ST_RDONLY) != 0
    }

    /// `rw-r--r--` for mode 0644.
    static func permissions(_ mode: mode_t) -> String {
        let letters: [Character] = ["r", "w", "x"]
        return String((0..<9).map { i in mode & (0o400 >> mode_t(i)) != 0 ? letters[i % 3] : "-" })
    }
}
