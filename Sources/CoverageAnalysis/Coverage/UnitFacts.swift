import CoverageModel
import CoverageStore
import GeometryKernels

/// Per-unit facts: the store's reference, centre (centroid), ellipsoidal area, fibre length inside,
/// distance from the centre to the nearest fibre, bounding box.
struct UnitFact: Sendable {
    let unit: UnitReference
    let code: String
    let centre: Coordinate
    let areaKm2: Double
    let fibreKm: Double
    /// Metres from `centre` to the nearest counted fibre route or node (nil: none).
    let centreDistanceM: Double?
    let box: BoundingBox
}

enum UnitFacts {
    /// Facts for the communes of `inputs`, in their order (by code, the order of `Store.adminUnits`).
    ///
    /// Computed in Swift from the loaded geometry, on all cores; only the unit references come from the
    /// snapshot. They replace the GEOS query `ST_Centroid(geom)`, `ST_Area(geom, 1)` and
    /// `total(ST_Length(ST_Intersection(geom, route), 1))` over the counted fibre routes (kept as
    /// the oracle in `UnitFactsGEOSTests`). Agreement with that query: centroids to 1e-12°; fibre
    /// lengths to 1e-9 relative (GEOS measures geodesics per segment, we use the local ellipsoidal
    /// metric; a route along a shared boundary counts for both communes, as in GEOS); areas to
    /// 2.6e-7 relative on the real Thái Nguyên communes, but to 1.1e-3 on the peers' national
    /// workload, whose 7-vertex communes have straight edges several kilometres long: we integrate
    /// straight lon/lat edges exactly (RFC 7946 edges, the ones `PolygonIndex` and `ST_Covers` test
    /// against), and SpatiaLite 5.0.1's `ST_Area(g, 1)` is itself 1.2e-3 off GeographicLib's
    /// geodesic-edge area there (ours: 4.9e-4). See `PolygonMeasures` and `LineClipping`.
    ///
    /// - Parameter classifier: built from `inputs`; its unit index (item `i` = `inputs.units[i]`)
    ///   and its fibre index (the lines of `inputs.fibreRoutes`, in order) are reused.
    static func compute(_ snapshot: ReadSnapshot, inputs: AnalysisInputs, classifier: Classifier) throws -> [UnitFact] {
        let rows = try snapshot.unitReferences(vintage: inputs.vintage)
        guard rows.map(\.code) == inputs.units.map(\.code) else {
            throw AnalysisError.noUnits("the communes of vintage '\(inputs.vintage)' changed while being read")
        }
        let units = classifier.units
        let clipping = LineClipping(classifier.fibre)
        let geometries = inputs.units.map(\.geometry)
        let measured = ParallelChunks.map(0..<geometries.count) { _, range in
            let fibre = clipping.metresInside(units, items: range)
            return range.map { i in
                let centre = PolygonMeasures.centroid(geometries[i]) ?? Coordinate(0, 0)
                return (
                    centre: centre, area: PolygonMeasures.ellipsoidalArea(geometries[i]),
                    fibre: fibre[i - range.lowerBound],
                    centreDistance: classifier.fibre.nearestUnbounded(to: centre)?.distanceMetres
                )
            }
        }.flatMap { $0 }
        return zip(rows, measured).enumerated().map { i, pair in
            UnitFact(
                unit: pair.0.unit, code: pair.0.code, centre: pair.1.centre, areaKm2: pair.1.area / 1e6,
                fibreKm: pair.1.fibre / 1000, centreDistanceM: pair.1.centreDistance,
                box: geometries[i].boundingBox ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0))
        }
    }

    /// The facts a stored run kept (`RunState.unitFacts`) for the communes of `inputs`, with the
    /// snapshot's unit references: what `compute` gives when the units and the counted fibre are
    /// those of that run.
    static func restored(_ snapshot: ReadSnapshot, inputs: AnalysisInputs, stored: StoredUnitFacts) throws
        -> [UnitFact]
    {
        let rows = try snapshot.unitReferences(vintage: inputs.vintage)
        guard rows.map(\.code) == inputs.units.map(\.code), stored.count == rows.count else {
            throw AnalysisError.noUnits("the communes of vintage '\(inputs.vintage)' changed while being read")
        }
        return rows.enumerated().map { i, row in
            UnitFact(
                unit: row.unit, code: row.code, centre: stored.centres[i], areaKm2: stored.areasKm2[i],
                fibreKm: stored.fibreKm[i], centreDistanceM: stored.centreDistancesM[i],
                box: inputs.units[i].geometry.boundingBox ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0))
        }
    }
}

/// The unit facts that depend on more than a unit's own row (fibre) or cost a pass over its
/// geometry, kept with a stored run in unit order (`RunState`).
struct StoredUnitFacts {
    var centres: [Coordinate] = []
    var areasKm2: [Double] = []
    var fibreKm: [Double] = []
    var centreDistancesM: [Double?] = []

    var count: Int { centres.count }

    init() {}

    /// The stored values of `facts`, in their order.
    init(_ facts: [UnitFact]) {
        centres = facts.map(\.centre)
        areasKm2 = facts.map(\.areaKm2)
        fibreKm = facts.map(\.fibreKm)
        centreDistancesM = facts.map(\.centreDistanceM)
    }
}

extension UnitFacts {
    /// `facts` with the fibre lengths of `classifier`'s fibre index (another fibre definition).
    ///
    /// Centres, areas, boxes and references do not depend on fibre and are kept; the lengths are
    /// computed as `compute` computes them, for the same units.
    static func replacingFibre(_ facts: [UnitFact], classifier: Classifier) -> [UnitFact] {
        let units = classifier.units
        let clipping = LineClipping(classifier.fibre)
        let fibre = ParallelChunks.map(0..<facts.count) { _, range in
            zip(clipping.metresInside(units, items: range), range).map { metres, i in
                (metres, classifier.fibre.nearestUnbounded(to: facts[i].centre)?.distanceMetres)
            }
        }.flatMap { $0 }
        return zip(facts, fibre).map { f, measured in
            UnitFact(
                unit: f.unit, code: f.code, centre: f.centre, areaKm2: f.areaKm2, fibreKm: measured.0 / 1000,
                centreDistanceM: measured.1, box: f.box)
        }
    }
}
