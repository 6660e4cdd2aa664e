import Foundation

/// Locations used by tests: the repository root, ../shared/refdata, and fresh temporary folders.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `../shared/refdata` beside the checkout (real Thái Nguyên data, read-only).
    public static var refdata: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/refdata")
    }

    /// A new empty temporary directory, unique to the caller.
    public static func temporaryDirectory(_ label: String = "covaudit") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
