import CoverageFormats
import CoverageModel
import GDALVector
import SpatialSQL

/// Brings an input geometry to checked WGS 84 lon/lat: structure, kind, reprojection, extent, validity.
final class GeometryPipeline {
    let layer: Layer
    let options: ImportOptions
    let file: String
    let sourceSRID: Int
    private let transform: CoordinateTransform?
    private let validity: Statement
    private let validityReason: Statement
    private let repair: Statement
    /// The SpatiaLite BLOB of the geometry being checked (reused from feature to feature).
    private var blob: [UInt8] = []
    /// Features outside the plausible extent: (location, coordinate).
    private(set) var outside: [(InputLocation, Coordinate)] = []
    private(set) var outsideCount = 0
    private(set) var repaired = 0

    /// True when geometries are reprojected to WGS 84 here (the source SRID is not 4326).
    var reprojects: Bool { transform != nil }

    init(layer: Layer, options: ImportOptions, file: String, sourceSRID: Int, db: Connection) throws {
        self.layer = layer
        self.options = options
        self.file = file
        self.sourceSRID = sourceSRID
        // OGR/PROJ, as for files read through GDAL: the same datum transformation whichever the format.
        do {
            transform = sourceSRID == 4326 ? nil : try CoordinateTransform(from: SpatialReference(epsg: sourceSRID))
        } catch {
            throw ImportError(file: file, location: .file, reason: "SRID \(sourceSRID): \(error)")
        }
        // GEOS's verdict on the BLOB `GeomFromWKB` would make (built in Swift); the reason, which runs
        // GEOS's whole validity check again, only for a geometry found invalid.
        validity = try db.prepare("SELECT ST_IsValid(?)")
        validityReason = try db.prepare("SELECT ST_IsValidReason(?)")
        repair = try db.prepare(
            "SELECT AsBinary(CastToMultiPolygon(CollectionExtract(ST_MakeValid(GeomFromWKB(?, 4326)), 3)))")
    }

    private func fail(_ location: InputLocation, _ reason: String) -> ImportError {
        ImportError(file: file, location: location, reason: reason)
    }

    /// The checked lon/lat geometry for a record, or throws naming the feature and the reason;
    /// `provedSimple` is the geometry's `isProvedSimpleShell` and `facts` its ``GeometryFacts`` when
    /// already known (both used only when the geometry is not reprojected).
    func process(
        _ geometry: Geometry?, at location: InputLocation, provedSimple: Bool? = nil, facts: GeometryFacts? = nil
    ) throws -> Geometry? {
        let accepted = layer.acceptedKinds
        if accepted.isEmpty { return nil }
        guard var g = geometry else { throw fail(location, "geometry is null") }
        let facts = transform == nil ? facts : nil
        if let problem = facts.map({ $0.structuralProblem }) ?? g.structuralProblem { throw fail(location, problem) }
        guard accepted.contains(g.kind) else {
            let names = GeometryKind.allCases.filter(accepted.contains).map(\.rawValue).joined(separator: " or ")
            throw fail(location, "geometry is a \(g.kind.rawValue); layer \(layer.rawValue) takes \(names)")
        }
        if let transform {
            guard let out = transform.transform(g) else {
                throw fail(location, "cannot transform from EPSG:\(sourceSRID) to EPSG:4326 (PROJ failed)")
            }
            g = out
        }
        guard facts?.isLonLat ?? g.isLonLat else {
            throw notLonLatError(location, g.firstCoordinate ?? Coordinate(0, 0))
        }
        if let (a, b) = facts.map({ $0.antimeridianEdge }) ?? g.antimeridianEdge {
            throw fail(
                location,
                "\(g.kind.rawValue) crosses the antimeridian (180°) between (\(a.x), \(a.y)) and (\(b.x), \(b.y)); "
                    + "read as written it would span most of the globe: covaudit does not take geometries across "
                    + "180° (split the feature at 180°)")
        }
        if let box = facts.map({ $0.boundingBox }) ?? g.boundingBox,
            !(options.extent.contains(Coordinate(box.minX, box.minY))
                && options.extent.contains(Coordinate(box.maxX, box.maxY)))
        {
            noteOutside(location, g.firstCoordinate ?? Coordinate(box.minX, box.minY))
        }
        if g.kind == .polygon || g.kind == .multiPolygon {
            // Known only for the geometry as read: used when it was not reprojected.
            g = try checkValidity(g, at: location, provedSimple: transform == nil ? provedSimple : nil)
        }
        return g
    }

    /// Records a feature outside the plausible extent (the first five are named in the message).
    func noteOutside(_ location: InputLocation, _ c: Coordinate) {
        outsideCount += 1
        if outside.count < 5 { outside.append((location, c)) }
    }

    /// The error for a coordinate outside longitude/latitude ranges: swapped order or projected metres.
    func notLonLatError(_ location: InputLocation, _ c: Coordinate) -> ImportError {
        if sourceSRID == 4326, abs(c.x) <= 90, abs(c.y) <= 180, options.extent.contains(Coordinate(c.y, c.x)) {
            return swappedError(location, c)
        }
        return projectedError(location, c)
    }

    /// The error for lat/lon given in the wrong order (latitude first).
    func swappedError(_ location: InputLocation, _ c: Coordinate) -> ImportError {
        fail(
            location,
            "coordinate (\(c.x), \(c.y)) is not longitude/latitude: latitude and longitude look swapped "
                + "(the file must give longitude first, then latitude)")
    }

    /// The error for a position that is not longitude/latitude, naming the VN-2000 zones that put it in the extent.
    func projectedError(_ location: InputLocation, _ c: Coordinate) -> ImportError {
        let e = options.extent
        let zones = VietnamZones.candidates(x: c.x, y: c.y, extent: (e.minX, e.minY, e.maxX, e.maxY))
        let hint =
            zones.isEmpty
            ? "no VN-2000 zone puts it inside the extent; pass --srid with the file's EPSG code"
            : "it lies inside the extent in "
                + zones.map { "EPSG:\($0.epsg) (\($0.name))" }.joined(separator: ", ")
                + "; pass --srid with the file's zone"
        let source = sourceSRID == 4326 ? "the file declares no CRS" : "read as EPSG:\(sourceSRID)"
        return fail(
            location,
            "coordinate (\(c.x), \(c.y)) is not longitude/latitude (\(source)); the file looks projected (metres): "
                + hint)
    }

    /// The geometry when GEOS finds it valid (or a ring proved simple in Swift, which GEOS always
    /// finds valid: most coverage cells); its repair with `--make-valid`; else an error with GEOS's reason.
    private func checkValidity(_ g: Geometry, at location: InputLocation, provedSimple: Bool?) throws -> Geometry {
        if provedSimple ?? g.isProvedSimpleShell { return g }
        SpatiaLiteBlob.encode(g, into: &blob)
        blob.withUnsafeBytes { validity.bindBlob($0, at: 1) }
        defer { validity.reset() }
        guard try validity.step() else { throw fail(location, "validity check returned no row") }
        if validity.row.int(0) == 1 { return g }
        blob.withUnsafeBytes { validityReason.bindBlob($0, at: 1) }
        defer { validityReason.reset() }
        guard try validityReason.step() else { throw fail(location, "validity check returned no row") }
        let reason = validityReason.row.text(0) ?? "invalid geometry"
        let wkb = WKB.encode(g)
        guard options.makeValid else {
            throw fail(location, "invalid geometry: \(reason) (GEOS); use --make-valid to repair")
        }
        try repair.bind([SQLValue.blob(wkb)])
        defer { repair.reset() }
        guard try repair.step() else { throw fail(location, "ST_MakeValid returned no row") }
        let fixed: Geometry? = try repair.row.withBlob(0) { $0.isEmpty ? nil : try WKB.decode($0) }
        guard let fixed, !fixed.polygons.isEmpty else {
            throw fail(location, "invalid geometry: \(reason); ST_MakeValid left no polygon")
        }
        repaired += 1
        return g.kind == .polygon && fixed.polygons.count == 1 ? .polygon(fixed.polygons[0]) : fixed
    }

    /// A message listing features outside the plausible extent, with a swapped lat/lon hint.
    func extentMessage() -> String? {
        guard outsideCount > 0 else { return nil }
        let e = options.extent
        let examples = outside.map { loc, c -> String in
            let swapped = e.contains(Coordinate(c.y, c.x)) ? " — latitude and longitude look swapped" : ""
            return "\(loc) at lon \(c.x), lat \(c.y)\(swapped)"
        }
        return "\(outsideCount) feature(s) lie outside the plausible extent "
            + "lon \(e.minX)…\(e.maxX), lat \(e.minY)…\(e.maxY): \(examples.joined(separator: "; "))"
            + (outsideCount > outside.count ? "; …" : "")
            + " (use --extent or --allow-outside-extent if this is intended)"
    }
}
