import Foundation

/// An output file that could not be written: the path and why.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    /// The file (or folder) that could not be written.
    public var path: String
    /// Why, in words (the operating system's message where there is one).
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// A file written under a temporary name in its target's folder and renamed over the target only
/// when complete, so the target holds the previous contents or the new ones, never a part.
///
/// The target must be absent or a writable regular file: a symbolic link (even a dangling one), a
/// directory, a device, a FIFO or a socket is refused, never followed or replaced. A run killed
/// before `commit()` leaves only its hidden temporary file, which the next writer of that name in
/// the folder removes.
public final class OutputFile {
    /// The path the file is renamed to on `commit()`.
    public let path: String
    /// The temporary file being written, beside the target.
    public let temporaryPath: String
    private var descriptor: Int32
    private var committed = false

    /// Checks the target and creates the temporary file (`O_EXCL | O_NOFOLLOW`) in its folder.
    public init(path: String) throws {
        try OutputFile.checkTarget(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let stem = OutputFile.temporaryStem(url.lastPathComponent)
        OutputFile.removeStaleTemporaries(in: folder, stem: stem)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        temporaryPath = (folder as NSString).appendingPathComponent("\(stem)\(getpid())-\(tag).tmp")
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputFile.failure(path, errno) }
        self.path = path
    }

    deinit {
        if !committed { discard() }
    }

    /// Appends bytes to the temporary file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw OutputFileError(path: path, reason: "written after it was closed") }
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = systemWrite(descriptor, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFile.failure(path, errno)
            }
            offset += n
        }
    }

    /// Appends bytes to the temporary file.
    public func write(_ bytes: some Collection<UInt8>) throws {
        let done = try bytes.withContiguousStorageIfAvailable { try write(UnsafeRawBufferPointer($0)) }
        if done == nil { try Array(bytes).withUnsafeBytes { try write($0) } }
    }

    /// Flushes the temporary file to disk and closes it; the target is not touched yet.
    public func finishWriting() throws {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        if fsync(fd) != 0, errno != EINVAL, errno != EROFS {
            let code = errno
            close(fd)
            throw OutputFile.failure(path, code)
        }
        guard close(fd) == 0 else { throw OutputFile.failure(path, errno) }
    }

    /// Finishes writing and renames the temporary file over the target (re-checked first).
    public func commit() throws {
        guard !committed else { return }
        try finishWriting()
        try OutputFile.checkTarget(path)
        guard rename(temporaryPath, path) == 0 else { throw OutputFile.failure(path, errno) }
        committed = true
    }

    /// Closes and removes the temporary file; the target stays as it was.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if !committed { unlink(temporaryPath) }
    }

    /// Writes `bytes` to `path` as one complete file (temporary file, then rename).
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// True when something (a file, a link, even a dangling one, a folder…) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Refuses a target that is not absent or a writable regular file, or whose folder is missing.
    public static func checkTarget(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw failure(path, errno) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var folderInfo = stat()
            guard stat(folder, &folderInfo) == 0 else {
                throw OutputFileError(path: path, reason: "its folder \(folder) does not exist")
            }
            guard folderInfo.st_mode & S_IFMT == S_IFDIR else {
                throw OutputFileError(path: path, reason: "\(folder) is not a folder")
            }
            return
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw OutputFileError(path: path, reason: "\(describe(kind, path)); covaudit writes only regular files")
        }
        if info.st_mode & 0o222 == 0 {
            throw OutputFileError(
                path: path, reason: "it is read-only (no write permission for anyone); `chmod u+w` it to replace it")
        }
    }

    /// What a non-regular file is, in words.
    static func describe(_ kind: mode_t, _ path: String) -> String {
        switch kind {
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to \($0)" } ?? ""
            return "it is a symbolic link\(target), which covaudit neither follows nor replaces"
        case S_IFDIR: return "it is a folder"
        case S_IFCHR, S_IFBLK: return "it is a device"
        case S_IFIFO: return "it is a named pipe (FIFO)"
        case S_IFSOCK: return "it is a socket"
        default: return "it is not a regular file"
        }
    }

    /// The hidden prefix of every temporary file for a target named `name`.
    static func temporaryStem(_ name: String) -> String {
        ".\(String(name.prefix(120))).covaudit-"
    }

    /// Removes temporary files for this name left by covaudit processes that no longer run.
    static func removeStaleTemporaries(in folder: String, stem: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(stem) && name.hasSuffix(".tmp") {
            let rest = name.dropFirst(stem.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }), pid > 0 else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(name))
            }
        }
    }

    /// An error from `errno`, with the operating system's words and a hint for a full disk.
    static func failure(_ path: String, _ code: Int32) -> OutputFileError {
        let message = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT: return OutputFileError(path: path, reason: "the disk is full (\(message))")
        case EFBIG: return OutputFileError(path: path, reason: "the file size limit was reached (\(message))")
        default: return OutputFileError(path: path, reason: message)
        }
    }
}

/// `write(2)`, named apart from `OutputFile.write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
