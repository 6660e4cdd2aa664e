import CGDAL
import CoverageModel

/// An OGR/PROJ transformation from a source CRS to WGS 84 longitude/latitude.
///
/// Ballpark transformations are not allowed: PROJ must find a real datum transformation, or creating
/// the transform fails. A VN-2000 CRS is bound to the official seven-parameter Helmert (EPSG:6960,
/// the TOWGS84 of EPSG:4756) everywhere: left to choose, PROJ takes EPSG:5194 inside its two
/// Mekong-delta blocks (0.8 m away at Ho Chi Minh City).
public final class CoordinateTransform {
    let handle: OGRCoordinateTransformationH
    /// The source CRS.
    public let source: SpatialReference
    private let target: SpatialReference

    /// A transformation from `source` to EPSG:4326 (lon/lat order).
    /// - Throws: `GDALError` with PROJ's reason when no transformation exists.
    public init(from source: SpatialReference) throws {
        try GDALLibrary.prepare()
        self.source = source.isVN2000 ? try source.boundToOfficialVN2000() : source
        target = try SpatialReference.wgs84()
        guard let options = OCTNewCoordinateTransformationOptions() else {
            throw GDALError("cannot create transformation options")
        }
        defer { OCTDestroyCoordinateTransformationOptions(options) }
        OCTCoordinateTransformationOptionsSetBallparkAllowed(options, 0)
        guard let h = OCTNewCoordinateTransformationEx(self.source.handle, target.handle, options) else {
            throw GDALError(
                GDALLibrary.reason("no transformation from \(source.label) to WGS 84 (EPSG:4326) without a ballpark"))
        }
        handle = h
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// One point transformed to (lon, lat), or nil when PROJ cannot transform it.
    public func transform(x: Double, y: Double) -> (lon: Double, lat: Double)? {
        var xs = x, ys = y, zs = 0.0
        var ok: Int32 = 0
        guard OCTTransformEx(handle, 1, &xs, &ys, &zs, &ok) != 0, ok != 0, xs.isFinite, ys.isFinite else {
            return nil
        }
        return (xs, ys)
    }
}

extension CoordinateTransform {
    /// A geometry with every vertex transformed, or nil when PROJ cannot transform one of them.
    public func transform(_ geometry: Geometry) -> Geometry? {
        switch geometry {
        case .point(let c): return transform([c]).map { .point($0[0]) }
        case .lineString(let cs): return transform(cs).map { .lineString($0) }
        case .multiPoint(let cs): return transform(cs).map { .multiPoint($0) }
        case .polygon(let p): return transform(p).map { .polygon($0) }
        case .multiLineString(let ls):
            var out: [[Coordinate]] = []
            for l in ls {
                guard let t = transform(l) else { return nil }
                out.append(t)
            }
            return .multiLineString(out)
        case .multiPolygon(let ps):
            var out: [Polygon] = []
            for p in ps {
                guard let t = transform(p) else { return nil }
                out.append(t)
            }
            return .multiPolygon(out)
        }
    }

    private func transform(_ p: Polygon) -> Polygon? {
        var rings: [Ring] = []
        for r in p.rings {
            guard let t = transform(r) else { return nil }
            rings.append(t)
        }
        return Polygon(closedRings: rings)  // a checked polygon's rings, point by point
    }

    /// The coordinates transformed in one PROJ call, or nil when any fails.
    private func transform(_ cs: [Coordinate]) -> [Coordinate]? {
        guard !cs.isEmpty else { return cs }
        var xs = cs.map(\.x), ys = cs.map(\.y), zs = [Double](repeating: 0, count: cs.count)
        var ok = [Int32](repeating: 0, count: cs.count)
        guard OCTTransformEx(handle, Int32(cs.count), &xs, &ys, &zs, &ok) != 0, !ok.contains(0) else { return nil }
        var out: [Coordinate] = []
        out.reserveCapacity(cs.count)
        for i in 0..<cs.count {
            guard xs[i].isFinite, ys[i].isFinite else { return nil }
            out.append(Coordinate(xs[i], ys[i]))
        }
        return out
    }
}
