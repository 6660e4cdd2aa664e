import Foundation
import Testing

/// Things that can sit where an output file should go, for the output-safety tests.
enum SpecialFile: String, CaseIterable, CustomTestStringConvertible {
    case linkToFile, danglingLink, folder, fifo, socket, device

    var testDescription: String { rawValue }

    /// Words the refusal message uses for this kind.
    var word: String {
        switch self {
        case .linkToFile, .danglingLink: "symbolic link"
        case .folder: "it is a folder"
        case .fifo: "named pipe"
        case .socket: "socket"
        case .device: "device"
        }
    }

    /// Creates one at `path`, or returns false when this system cannot (devices need root).
    ///
    /// Links point to `outside`: a file for `linkToFile`, nothing for `danglingLink`.
    func make(at path: String, outside: String) throws -> Bool {
        switch self {
        case .linkToFile:
            try Data("outside\n".utf8).write(to: URL(fileURLWithPath: outside))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        case .danglingLink:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        case .folder:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo:
            guard mkfifo(path, 0o644) == 0 else { return false }
        case .socket:
            return Self.bindSocket(path)
        case .device:
            // A null device of our own (major 1, minor 3), so /dev/null itself is never at risk.
            return mknod(path, S_IFCHR | 0o666, (1 << 8) | 3) == 0
        }
        return true
    }

    /// The file type at `path` (without following links), for "left as it was" checks.
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// Binds a Unix socket at `path` (left bound: the test only needs the file).
    private static func bindSocket(_ path: String) -> Bool {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
        Glibc.close(fd)
        return ok
    }
}
