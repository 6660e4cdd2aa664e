import CoverageModel
import CoverageStore
import CoverageTestSupport
import Testing

/// Layer reads that decode only the geometry near some boxes (what-if runs, issue 18): every row
/// is read, in the same order with the same attributes; a row whose own box meets one of the boxes
/// always has its geometry, identical to a full read's; the others have theirs or an empty one.
@Suite struct GeometryScopeTests {
    /// Boxes: none, a small box inside the province, one on a commune's first vertex (a boundary
    /// several communes share), and one far from every row.
    static func boxes(_ units: [AdminUnit]) -> [[BoundingBox]] {
        let vertex = units.first?.geometry.polygons.first?.exterior.first ?? Coordinate(0, 0)
        let all = units.compactMap(\.geometry.boundingBox)
        let (minX, maxX) = (all.map(\.minX).min() ?? 0, all.map(\.maxX).max() ?? 0)
        let (minY, maxY) = (all.map(\.minY).min() ?? 0, all.map(\.maxY).max() ?? 0)
        let centre = Coordinate((minX + maxX) / 2, (minY + maxY) / 2)
        return [
            [],
            [BoundingBox(minX: centre.x - 0.01, minY: centre.y - 0.01, maxX: centre.x + 0.01, maxY: centre.y + 0.01)],
            [BoundingBox(minX: vertex.x, minY: vertex.y, maxX: vertex.x, maxY: vertex.y)],
            [BoundingBox(minX: 10, minY: 10, maxX: 10.5, maxY: 10.5)],
        ]
    }

    /// Expects `scoped` to be `full` row for row but for geometry, kept for every row whose box
    /// meets one of `boxes` and empty or identical elsewhere; returns how many rows kept theirs.
    @discardableResult
    static func expectScoped<T>(
        _ scoped: [T], _ full: [T], boxes: [BoundingBox], geometry: (T) -> Geometry, same: (T, T) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        #expect(scoped.count == full.count, sourceLocation: sourceLocation)
        var kept = 0
        for (s, f) in zip(scoped, full) {
            #expect(same(s, f), sourceLocation: sourceLocation)
            let (g, fullGeometry) = (geometry(s), geometry(f))
            let meets = fullGeometry.boundingBox.map { b in boxes.contains { meet($0, b) } } ?? false
            if meets || g != fullGeometry {
                #expect(g == fullGeometry || !meets && empty(g), sourceLocation: sourceLocation)
            }
            if g == fullGeometry && !empty(fullGeometry) { kept += 1 }
        }
        return kept
    }

    /// Whether the boxes share a point (boundaries included).
    static func meet(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }

    /// Whether the geometry has no polygon and no line.
    static func empty(_ g: Geometry) -> Bool { g.polygons.isEmpty && g.lines.isEmpty }

    @Test func onlyTheGeometryNearTheBoxesIsDecoded() throws {
        let (_, store) = try FictionalStores.demoStore()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let units = try snapshot.adminUnits(level: .commune)
        let areas = try snapshot.coverageAreas()
        let routes = try snapshot.routes()
        try #require(!units.isEmpty && !areas.isEmpty && !routes.isEmpty)
        var kept: [Int] = []
        for boxes in Self.boxes(units) {
            kept.append(
                Self.expectScoped(
                    try snapshot.adminUnits(level: .commune, geometry: .meeting(boxes)), units, boxes: boxes,
                    geometry: \.geometry,
                    same: { $0.code == $1.code && $0.name == $1.name && $0.parentCode == $1.parentCode }))
            Self.expectScoped(
                try snapshot.coverageAreas(geometry: .meeting(boxes)), areas, boxes: boxes, geometry: \.geometry,
                same: { $0.id == $1.id && $0.operatorName == $1.operatorName && $0.technology == $1.technology })
            Self.expectScoped(
                try snapshot.routes(geometry: .meeting(boxes)), routes, boxes: boxes, geometry: \.geometry,
                same: { $0.id == $1.id && $0.status == $1.status && $0.medium == $1.medium })
        }
        // No box: no geometry; the inside box and the boundary vertex: some communes but not all
        // (the vertex its own commune at least); far away: none.
        #expect(kept[0] == 0 && kept[3] == 0, "\(kept)")
        #expect(kept[1] > 0 && kept[1] < units.count, "\(kept)")
        #expect(kept[2] >= 1 && kept[2] < units.count, "\(kept)")
        // Every row in scope: the full read.
        #expect(try snapshot.adminUnits(level: .commune, geometry: .all).map(\.geometry) == units.map(\.geometry))
    }
}
