import CGDAL
import CoverageFormats
import Foundation

/// Files held in GDAL's in-memory file system (`/vsimem/`), in a folder of their own removed on release.
final class MemoryFiles {
    /// The folder, `/vsimem/covaudit-<UUID>`.
    let folder: String

    /// Writes each file under a new folder.
    /// - Throws: `FormatError` when a name is not a plain file name or GDAL cannot write a file.
    init(_ files: [(name: String, bytes: [UInt8])]) throws {
        try GDALLibrary.prepare()
        folder = "/vsimem/covaudit-\(UUID().uuidString)"
        for (name, bytes) in files {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw FormatError(file: name, location: .file, reason: "is not a plain file name")
            }
            guard let handle = VSIFOpenL("\(folder)/\(name)", "wb") else {
                throw FormatError(file: name, location: .file, reason: GDALLibrary.reason("cannot create in memory"))
            }
            let written = bytes.withUnsafeBytes { VSIFWriteL($0.baseAddress, 1, bytes.count, handle) }
            guard VSIFCloseL(handle) == 0, written == bytes.count else {
                throw FormatError(file: name, location: .file, reason: GDALLibrary.reason("cannot write in memory"))
            }
        }
    }

    /// The in-memory path of the file `name`.
    func path(_ name: String) -> String { "\(folder)/\(name)" }

    deinit { VSIRmdirRecursive(folder) }
}
