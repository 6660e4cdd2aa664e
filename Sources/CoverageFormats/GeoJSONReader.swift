import Foundation

/// A streaming GeoJSON reader: FeatureCollection, single Feature, bare geometry or one Feature per line.
///
/// The file is memory-mapped and parsed byte by byte; features are delivered one at a time,
/// so memory use does not grow with the number of features.
public struct GeoJSONReader: Sendable {
    /// The longest string (or nested property array or object) accepted, in bytes: 1 MiB.
    public static let maxValueBytes = JSONScanner.maxValueBytes
    /// The name used in error messages (the file's last path component).
    public let name: String
    /// The legacy top-level `crs` member (GeoJSON 2008), when present.
    public let legacyCRS: LegacyCRS?
    /// The value of a legacy top-level `"crs": {"properties": {"name": ...}}` member, when present.
    public var crsName: String? { legacyCRS?.name }
    let storage: Data
    /// The top-level `features` array cut into chunks for a parallel parse (nil: parsed sequentially).
    let featureChunks: FeatureChunks?

    /// Opens and memory-maps the file at `path`; with `parallel`, the prescan also cuts a
    /// FeatureCollection's features into chunks of about `chunkBytes` for
    /// ``forEachFeature(prepare:_:)`` to parse on worker threads.
    ///
    /// - Throws: `FormatError` at `.file` when the file cannot be read.
    public init(path: String, parallel: Bool = false, chunkBytes: Int = 1 << 19) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FormatError(file: name, location: .file, reason: "cannot read file: \(error.localizedDescription)")
        }
        self.init(data: data, name: name, cutFeaturesEvery: parallel ? chunkBytes : nil)
    }

    /// Reads GeoJSON held in memory; `name` is used in error messages.
    public init(bytes: [UInt8], name: String) {
        self.init(data: Data(bytes), name: name)
    }

    /// Reads GeoJSON held in memory, to be parsed in parallel chunks.
    ///
    /// A FeatureCollection's features are cut into chunks of about
    /// `parallelChunkBytes` for ``forEachFeature(prepare:_:)`` to parse on worker threads.
    /// The prescan reads the array in two halves at once when the input is at least `splitPrescanBytes` long.
    public init(bytes: [UInt8], name: String, parallelChunkBytes: Int, splitPrescanBytes: Int = 1 << 22) {
        self.init(
            data: Data(bytes), name: name, cutFeaturesEvery: parallelChunkBytes, splitAbove: splitPrescanBytes)
    }

    /// The number of chunks ``forEachFeature(prepare:_:)`` parses apart (0: the parse is sequential).
    public var parallelChunkCount: Int { featureChunks?.count ?? 0 }

    /// Reads GeoJSON held in a `Data` value; `name` is used in error messages.
    public init(data: Data, name: String) {
        self.init(data: data, name: name, cutFeaturesEvery: nil)
    }

    /// Reads GeoJSON held in a `Data` value, its features cut into chunks of about `cutFeaturesEvery`
    /// bytes when given (see ``forEachFeature(prepare:_:)``).
    init(data: Data, name: String, cutFeaturesEvery: Int?, splitAbove: Int = GeoJSONPrescan.splitPassBytes) {
        self.name = name
        self.storage = data
        let scan = data.withUnsafeBytes {
            GeoJSONPrescan.scan(in: $0, cutFeaturesEvery: cutFeaturesEvery, splitAbove: splitAbove)
        }
        self.legacyCRS = scan.crs
        self.featureChunks = scan.chunks
    }

    /// Calls `body` with each feature in file order.
    ///
    /// - Throws: `FormatError` at `.line(n)` for syntax errors and at `.feature(i)` for
    ///   GeoJSON problems inside feature `i`; errors thrown by `body` pass through unchanged.
    public func forEachFeature(_ body: (Feature) throws -> Void) throws {
        try storage.withUnsafeBytes { raw in
            var driver = GeoJSONDriver(scanner: JSONScanner(raw), file: name)
            try driver.run(body)
        }
    }
}
