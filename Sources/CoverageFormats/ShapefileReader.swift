import CoverageModel
import Foundation

/// An ESRI shapefile reader: the `.shp` geometry with `.dbf` attributes, `.prj` and `.cpg` beside it.
public struct ShapefileReader: Sendable {
    /// The name used in error messages (the `.shp` file's last path component).
    public let name: String
    /// The shape type from the main header (1 Point, 3 PolyLine, 5 Polygon, 8 MultiPoint, +10 Z, +20 M).
    public let shapeType: Int
    /// The bounding box from the main header.
    public let bounds: BoundingBox
    /// The `.prj` text (WKT of the coordinate system), when the file exists.
    public let prjWKT: String?
    /// The attribute table, when a `.dbf` exists.
    public let table: DBFReader?
    private let shp: Data

    /// Opens `path` (with or without the `.shp` extension) and its sidecar files.
    ///
    /// - Throws: `FormatError` when the `.shp` is missing, truncated or not a shapefile.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.lowercased() == "shp" ? url.deletingPathExtension().path : url.path
        guard let shpPath = ShapefileReader.sidecar(base, "shp") else {
            throw FormatError(file: url.lastPathComponent, location: .file, reason: "no .shp file at this path")
        }
        let name = URL(fileURLWithPath: shpPath).lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: shpPath), options: .alwaysMapped)
        } catch {
            throw FormatError(file: name, location: .file, reason: "cannot read file: \(error.localizedDescription)")
        }
        let table = try ShapefileReader.sidecar(base, "dbf").map { try DBFReader(path: $0) }
        let prj = ShapefileReader.sidecar(base, "prj").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        try self.init(shp: data, table: table, prjWKT: prj, name: name)
    }

    /// Reads a shapefile held in memory.
    public init(shp: Data, table: DBFReader?, prjWKT: String?, name: String) throws {
        self.name = name
        self.shp = shp
        self.table = table
        self.prjWKT = prjWKT?.trimmingCharacters(in: .whitespacesAndNewlines)
        let header: (Int, BoundingBox) = try shp.withUnsafeBytes { b in
            func bad(_ reason: String) -> FormatError { FormatError(file: name, location: .file, reason: reason) }
            guard b.count >= 100, let code = b.int32BE(at: 0), let words = b.int32BE(at: 24),
                let type = b.int32LE(at: 32), let minX = b.float64LE(at: 36), let minY = b.float64LE(at: 44),
                let maxX = b.float64LE(at: 52), let maxY = b.float64LE(at: 60)
            else { throw bad("file is too short for a shapefile header") }
            guard code == 9994 else { throw bad("not a shapefile (file code \(code), expected 9994)") }
            let declared = Int(words) * 2
            guard declared <= b.count else {
                throw bad("file is truncated: the header declares \(declared) bytes but the file has \(b.count)")
            }
            return (Int(type), BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
        }
        self.shapeType = header.0
        self.bounds = header.1
    }

    /// The attribute columns (empty without a `.dbf`).
    public var fields: [DBFField] { table?.fields ?? [] }

    /// Calls `body` with each shape and its attributes, in file order.
    ///
    /// `Feature.index` is the 0-based record position; records deleted in the `.dbf` are skipped.
    /// - Throws: `FormatError` at `.feature(i)` for a corrupt record; errors from `body` pass through.
    public func forEachFeature(_ body: (Feature) throws -> Void) throws {
        try shp.withUnsafeBytes { b in
            let end = min(b.count, Int(b.int32BE(at: 24) ?? 0) * 2)
            var offset = 100
            var index = 0
            while offset + 8 <= end {
                func bad(_ reason: String) -> FormatError {
                    FormatError(file: name, location: .feature(index), reason: reason)
                }
                guard let words = b.int32BE(at: offset + 4), words >= 2 else {
                    throw bad("record header is corrupt")
                }
                guard let content = b.slice(offset + 8, Int(words) * 2), offset + 8 + Int(words) * 2 <= end else {
                    throw bad("record is truncated")
                }
                let geometry: Geometry?
                do {
                    geometry = try ShapeDecoder.decode(content)
                } catch let issue as ShapeIssue {
                    throw bad(issue.reason)
                }
                var properties: [String: PropertyValue] = [:]
                if let table {
                    guard index < table.recordCount else {
                        throw bad("no attribute record for this shape (the .dbf has \(table.recordCount) records)")
                    }
                    guard let values = try table.record(at: index) else {
                        offset += 8 + Int(words) * 2
                        index += 1
                        continue
                    }
                    properties = values
                }
                try body(Feature(index: index, geometry: geometry, properties: properties))
                offset += 8 + Int(words) * 2
                index += 1
            }
            if offset != end {
                throw FormatError(file: name, location: .feature(index), reason: "record header is truncated")
            }
        }
    }

    /// The path of `base.ext` or `base.EXT` when one exists.
    static func sidecar(_ base: String, _ ext: String) -> String? {
        for candidate in ["\(base).\(ext)", "\(base).\(ext.uppercased())"]
        where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }
}
