import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import GeometryKernels
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// A what-if run reads the geometry of the coverage areas and routes near its change and the
/// communes it computes again only (issue 18), and lays the area stage's fibre segment grid out as
/// the stored run's grid of every segment, which a far route moves.
@Suite(.serialized) struct WhatIfLayerScopeTests {

    /// An active fibre route of VNPT through `points`.
    static func route(_ points: [(Double, Double)], id: String) -> String {
        let coordinates = points.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        return GeoJSONText.feature(
            #"{"type":"LineString","coordinates":[\#(coordinates)]}"#,
            #"{"id":"\#(id)","operator":"VNPT","medium":"fibre","level":"access","status":"active"}"#)
    }

    /// The fictional province without network nodes, plus a coverage area and a fibre route two
    /// degrees south-east of every commune, with a stored full run; then a coverage area centred on a
    /// commune's first vertex. Returns the folder, the store and the added area's box.
    static func store() throws -> (FixtureDirectory, Store, BoundingBox) {
        let (dir, store) = try FictionalStores.demoStore()
        try Connection(path: store.path, mode: .readWrite).execute("DELETE FROM nodes")
        let snapshot = try store.readSnapshot()
        let units = try snapshot.adminUnits(level: .commune)
        snapshot.end()
        let extent = try #require(
            units.compactMap(\.geometry.boundingBox).reduce(nil) { (e: BoundingBox?, b) in
                var e = e ?? b
                e.extend(b)
                return e
            })
        let (fx, fy) = (extent.maxX + 2, extent.minY - 2)
        let far = try dir.write(
            "far-coverage.geojson",
            GeoJSONText.collection([GeoJSONText.twelveGon(fx, fy, radius: 0.05, id: "FAR-AREA")]))
        let farRoute = try dir.write(
            "far-route.geojson",
            GeoJSONText.collection([Self.route([(fx, fy), (fx + 0.5, fy - 0.3), (fx + 1, fy - 1)], id: "FAR-ROUTE")]))
        _ = try store.importFile(far, options: ImportOptions(layer: .coverage))
        _ = try store.importFile(farRoute, options: ImportOptions(layer: .routes))
        _ = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        let vertex = try #require(units.first?.geometry.polygons.first?.exterior.first)
        let change = try dir.write(
            "change.geojson",
            GeoJSONText.collection([GeoJSONText.twelveGon(vertex.x, vertex.y, radius: 0.01, id: "EDGE")]))
        _ = try store.importFile(change, options: ImportOptions(layer: .coverage))
        let box = BoundingBox(
            minX: vertex.x - 0.01, minY: vertex.y - 0.01, maxX: vertex.x + 0.01, maxY: vertex.y + 0.01)
        return (dir, store, box)
    }

    @Test func aWhatIfRunDecodesOnlyTheShapesNearItsChangeAndKeepsTheStoredLayout() throws {
        let (dir, store, changeBox) = try Self.store()
        _ = dir
        let p = CoverageParameters()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let latest = try #require(try snapshot.latestRunState())
        let state = try #require(RunState(latest.parts))
        let full = try AnalysisInputs.load(from: snapshot, parameters: p)
        // The stored layout is the full grid's; the far route alone moves it.
        let everySegment = AreaShares.segmentLayout(routes: full.fibreRoutes, nodes: full.fibreNodes)
        #expect(state.fibreLayout == everySegment)
        let nearRoutes = full.fibreRoutes.filter { $0.id != "FAR-ROUTE" }
        #expect(nearRoutes.count == full.fibreRoutes.count - 1)
        #expect(AreaShares.segmentLayout(routes: nearRoutes, nodes: []) != everySegment)
        // The added area's exact box (the twelve-gon lies inside `changeBox`).
        let added = try #require(full.coverage[.g4]?.last { $0.id == "EDGE" })
        let boxes = [try #require(added.geometry.boundingBox)]
        #expect(changeBox.meets(boxes[0]))
        let firstAdded = try snapshot.coverageAreas(datasets: latest.changes.added.map(\.id)).firstRowID
        #expect(firstAdded != nil)
        let scoped = try AnalysisInputs.whatIf(
            from: snapshot, parameters: p, boxes: boxes, allGeometry: false, stored: state, firstAdded: firstAdded)
        // Only the rows the run uses, in order, the added one last; the totals of every row.
        #expect(scoped.totals == full.totals)
        #expect(scoped.operators == full.operators)
        for tech in Technology.allCases {
            let read = Set((scoped.coverage[tech] ?? []).map(\.id))
            #expect(
                (full.coverage[tech] ?? []).map(\.id).filter(read.contains) == (scoped.coverage[tech] ?? []).map(\.id))
        }
        #expect(scoped.coverage[.g4]?.last?.id == "EDGE")
        let areas = scoped.coverage.values.joined()
        let fullAreas = Dictionary(uniqueKeysWithValues: full.coverage.values.joined().map { ($0.id, $0) })
        #expect(!areas.contains { $0.id == "FAR-AREA" })
        #expect(fullAreas["FAR-AREA"]?.geometry.polygons.isEmpty == false)
        #expect(!scoped.fibreRoutes.contains { $0.id == "FAR-ROUTE" })
        #expect(scoped.fibreRoutes.count < full.fibreRoutes.count)
        // What the run uses is decoded as a full read decodes it: the areas meeting the change or a
        // recomputed commune, the routes within the drop distance of them.
        let changeSet = BoxSet(boxes)
        let recomputed = full.units.compactMap(\.geometry.boundingBox).filter { changeSet.meetsAny($0) }
        #expect(recomputed.count >= 2)
        let near = BoxSet(boxes + recomputed)
        let reach = BoxSet((boxes + recomputed).map { $0.grown(byMetres: p.fibreDistanceMetres) })
        var decoded = 0
        for area in areas {
            let whole = try #require(fullAreas[area.id])
            if !area.geometry.polygons.isEmpty {
                decoded += 1
                #expect(area == whole)
            } else if let box = whole.geometry.boundingBox {
                #expect(!near.meetsAny(box), "\(area.id) meets the change but was not decoded")
            }
        }
        #expect(decoded > 1 && decoded < fullAreas.count)
        // Every area the run uses is read.
        let readIDs = Set(areas.map(\.id))
        for area in fullAreas.values {
            guard let box = area.geometry.boundingBox, near.meetsAny(box) else { continue }
            #expect(readIDs.contains(area.id), "\(area.id) meets the change but was not read")
        }
        let fullRoutes = Dictionary(full.fibreRoutes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var decodedRoutes = 0
        for route in scoped.fibreRoutes {
            let whole = try #require(fullRoutes[route.id])
            if !route.geometry.lines.isEmpty {
                decodedRoutes += 1
                #expect(route == whole)
            } else if let box = whole.geometry.boundingBox {
                #expect(!reach.meetsAny(box), "\(route.id) lies within reach but was not decoded")
            }
        }
        #expect(decodedRoutes < full.fibreRoutes.count)
    }

    /// The shares of a few units from the routes near them and the stored layout of every segment
    /// (the others without geometry, as a what-if run reads them) are those of every route, bit for bit.
    @Test func theStoredLayoutGivesTheSharesOfEveryRoute() {
        let far = Route(
            id: "far", operatorName: "any", medium: .fibre, level: .access, status: .active,
            geometry: .lineString([Coordinate(107.0, 23.0), Coordinate(107.4, 23.2), Coordinate(108.0, 24.0)]))
        let routes = AreaSharesSubsetTests.routes + [far]
        let unread =
            AreaSharesSubsetTests.routes + [
                Route(
                    id: "far", operatorName: "any", medium: .fibre, level: .access, status: .active,
                    geometry: .multiLineString([]))
            ]
        let layout = AreaShares.segmentLayout(routes: routes, nodes: [])
        #expect(layout != AreaShares.segmentLayout(routes: unread, nodes: []))
        let p = CoverageParameters()
        let units = AreaSharesSubsetTests.units
        let centres = units.compactMap(\.boundingBox).map {
            Coordinate(($0.minX + $0.maxX) / 2, ($0.minY + $0.maxY) / 2)
        }
        let measures = Array(Set(p.areaMeasures))
        let coverage = AreaSharesSubsetTests.coverage(count: 60, seed: 3)
        let all = AreaShares(coverage: coverage, fibreRoutes: routes, fibreNodes: [], parameters: p).compute(
            units: units, centres: centres, measures: measures)
        let subset = [0, 1, 7, 13, 20]
        let some = AreaShares(
            coverage: coverage, fibreRoutes: unread, fibreNodes: [], parameters: p,
            only: subset.compactMap { units[$0].boundingBox }, fibreLayout: layout
        ).compute(units: subset.map { units[$0] }, centres: subset.map { centres[$0] }, measures: measures)
        for (u, got) in zip(subset, some) {
            #expect(got.areaM2.bitPattern == all[u].areaM2.bitPattern, "unit \(u)")
            #expect(got.shares == all[u].shares, "unit \(u)")
            #expect(got.boxes == all[u].boxes, "unit \(u)")
        }
        #expect(all.contains { ($0.shares[.fibre] ?? 0) > 0 })
    }

    /// The layout part reads back as written; absent it is nil; malformed, the state is refused.
    @Test(arguments: [
        BoxGridLayout(),
        BoxGridLayout(extent: BoundingBox(minX: 104.9, minY: 20.9, maxX: 106.1, maxY: 22.05), validCount: 12_345),
    ])
    func theLayoutPartRoundTrips(_ layout: BoxGridLayout) throws {
        var parts: [String: [UInt8]] = [:]
        FibreLayoutState.encode(layout, into: &parts)
        #expect(FibreLayoutState.decode(parts) == .some(layout))
        #expect(FibreLayoutState.decode([:]) == .some(nil))
        var spoiled = parts
        spoiled[FibreLayoutState.name]?.removeLast()
        #expect(FibreLayoutState.decode(spoiled) == nil)
        var state = RunStateChunksTests.sample()
        state.fibreLayout = layout
        var encoded = state.encoded()
        #expect(RunState(encoded)?.fibreLayout == layout)
        encoded[FibreLayoutState.name] = [1, 2, 3]
        #expect(RunState(encoded) == nil)
        encoded[FibreLayoutState.name] = nil
        #expect(RunState(encoded).map { $0.fibreLayout == nil } == true)
    }
}
