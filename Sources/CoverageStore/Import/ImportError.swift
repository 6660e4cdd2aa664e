import CoverageFormats

/// Why an import failed; the store is unchanged whenever one is thrown.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The input file.
    public var file: String
    /// Where in the file (feature index, line), or `.file`.
    public var location: InputLocation
    /// The reason, including the underlying library's message where there is one.
    public var reason: String

    public init(file: String, location: InputLocation, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    init(_ error: FormatError) {
        self.init(file: error.file, location: error.location, reason: error.reason)
    }

    public var description: String {
        location == .file ? "\(file): \(reason)" : "\(file): \(location): \(reason)"
    }
}
