import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels

/// Uncovered-area polygons with GEOS through SpatiaLite: the unit minus the union of a measure's coverage,
/// composed from each layer's union clipped to the unit — the reference `GapPolygonTests` holds
/// `GapPolygons` (what runs now) to.
///
/// Per unit, the union of each base layer (2G, 3G, 4G, 5G coverage; fibre reach as routes and nodes
/// buffered by the drop distance in a local metric plane — lon/lat scaled by the WGS 84 radii of
/// curvature at the unit's centre, the same local metric the point classification uses) is computed
/// once, clipped to the unit;
/// derived measures (4G+, broadband) are unions of those, and the uncovered part for gaps is the
/// unit minus the gap measure's union. The store computes each primitive (`ExactGeometry`); this
/// type only composes them.
final class AreaCoverage {
    let geometry: ExactGeometry
    let parameters: CoverageParameters

    init(snapshot: ReadSnapshot, parameters: CoverageParameters) {
        self.geometry = snapshot.exactGeometry()
        self.parameters = parameters
    }

    /// The covered parts of one unit: the union per measure (WKB, nil when nothing covers it).
    struct UnitCover {
        var unions: [Measure: [UInt8]]
    }

    /// Computes the unions of every requested measure (and the gap measure) for one unit.
    func cover(unitID: UnitReference, centre: Coordinate, box: BoundingBox, measures: Set<Measure>) throws
        -> UnitCover
    {
        var base: [Measure: [UInt8]] = [:]
        func baseUnion(_ key: Measure) throws -> [UInt8]? {
            if let cached = base[key] { return cached.isEmpty ? nil : cached }
            let wkb: [UInt8]?
            if key == .fibre {
                let scale = LocalScale(latitude: centre.y)
                let margin = parameters.fibreDistanceMetres / (111_000 * max(cos(centre.y * .pi / 180), 0.1))
                wkb = try geometry.fibreReachUnion(
                    unit: unitID, box: box, metresPerDegree: (scale.metresPerDegreeX, scale.metresPerDegreeY),
                    dropMetres: parameters.fibreDistanceMetres, marginDegrees: margin,
                    statuses: parameters.includePlanned ? [.active, .planned] : [.active],
                    operatorName: parameters.operatorName)
            } else {
                wkb = try geometry.coverageUnion(
                    unit: unitID, technology: key.rawValue, operatorName: parameters.operatorName, box: box)
            }
            base[key] = wkb ?? []
            return wkb
        }
        func union(_ keys: [Measure]) throws -> [UInt8]? {
            var acc: [UInt8]?
            for k in keys {
                guard let next = try baseUnion(k) else { continue }
                guard let current = acc else {
                    acc = next
                    continue
                }
                acc = try geometry.union(current, next)
            }
            return acc
        }
        var unions: [Measure: [UInt8]] = [:]
        for key in measures {
            // A base measure is its own one layer; the union of one layer is that layer.
            if let wkb = try union(key.baseMeasures(broadbandMinimum: parameters.broadbandMinimum)) {
                unions[key] = wkb
            }
        }
        return UnitCover(unions: unions)
    }

    /// The uncovered part of the unit for `key` (nil when fully covered) and its area in km².
    func uncovered(unitID: UnitReference, cover: UnitCover, key: Measure) throws -> (wkb: [UInt8], km2: Double)? {
        try geometry.unit(unitID, minus: cover.unions[key])
    }
}
