import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels

/// The uncovered part of a unit for the gap measure, with GEOS: the unit minus the union of the
/// measure's mobile generations, then minus the fibre reach near what is left.
///
/// The same point set as composing the per-layer unions clipped to the unit (`AreaCoverage`, kept as
/// the reference in `GapPolygonTests`), up to GEOS's noding; it unions only the fibre buffers near the
/// remainder (on the demo, 3.2 → ≈ 1.0 CPU s for the 79 partly covered communes; PERFORMANCE.md,
/// 2026-12-07, gap polygons).
struct GapPolygons {
    let geometry: ExactGeometry
    let parameters: CoverageParameters

    init(snapshot: ReadSnapshot, parameters: CoverageParameters) {
        self.geometry = snapshot.exactGeometry()
        self.parameters = parameters
    }

    /// The uncovered part of the unit for the gap measure (nil when fully covered) and its area in km².
    func uncovered(unitID: UnitReference, centre: Coordinate, box: BoundingBox) throws -> (
        wkb: [UInt8], km2: Double
    )? {
        let parts = parameters.gapTechnology.components(broadbandMinimum: parameters.broadbandMinimum)
        let mobile = try geometry.unit(
            unitID, minusCoverageOf: parts.generations.map(\.rawValue), operatorName: parameters.operatorName,
            box: box)
        var reach: FibreReach?
        if parts.fibre {
            let scale = LocalScale(latitude: centre.y)
            reach = FibreReach(
                metresPerDegree: (scale.metresPerDegreeX, scale.metresPerDegreeY),
                dropMetres: parameters.fibreDistanceMetres,
                marginDegrees: parameters.fibreDistanceMetres / (111_000 * max(cos(centre.y * .pi / 180), 0.1)),
                statuses: parameters.includePlanned ? [.active, .planned] : [.active],
                operatorName: parameters.operatorName)
        }
        return try geometry.polygon(mobile, of: unitID, minusFibreReach: reach)
    }
}
