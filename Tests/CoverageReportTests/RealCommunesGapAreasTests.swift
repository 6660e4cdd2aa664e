import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Issue 13: uncovered-area polygons of the 92 real communes under a generated coverage, written
/// as GeoJSON, hold no sliver rings and every ring has the RFC 7946 orientation.
@Suite struct RealCommunesGapAreasTests {
    /// A deterministic sequence in 0..<1 (64-bit LCG).
    private struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test func gapAreasOfRealCommunesHaveNoSliversAndRFC7946Rings() throws {
        let dir = try FixtureDirectory("real-gaps")
        let store = try dir.storeWithRealCommunes()
        let units = try store.adminUnits(level: .commune)
        let box = try #require(
            units.compactMap(\.geometry.boundingBox).reduce(nil as BoundingBox?) { box, b in
                guard let box else { return b }
                return BoundingBox(
                    minX: min(box.minX, b.minX), minY: min(box.minY, b.minY), maxX: max(box.maxX, b.maxX),
                    maxY: max(box.maxY, b.maxY))
            })
        var random = Sequence(state: 13)
        var households = "id,lon,lat\n"
        for i in 0..<2_000 {
            let lon = box.minX + random.next() * (box.maxX - box.minX)
            let lat = box.minY + random.next() * (box.maxY - box.minY)
            households += "H\(i),\(lon),\(lat)\n"
        }
        _ = try store.importFile(dir.write("households.csv", households), options: ImportOptions(layer: .households))
        var cells = "radio,mcc,net,area,cell,unit,lon,lat,range\n"
        for i in 0..<120 {
            let lon = box.minX + random.next() * (box.maxX - box.minX)
            let lat = box.minY + random.next() * (box.maxY - box.minY)
            cells += "LTE,452,4,1,\(i),0,\(lon),\(lat),\(1_500 + Int(random.next() * 4_500))\n"
        }
        var cellOptions = ImportOptions(layer: .sites)
        cellOptions.coverageFromRange = true
        _ = try store.importFile(dir.write("cells.csv", cells), options: cellOptions)

        var parameters = CoverageParameters()
        parameters.gapAreas = true
        parameters.technologies = [.broadband]
        _ = try CoverageAnalyzer(store: store, parameters: parameters).run()
        let path = dir.path("gap_areas.geojson")
        let writer = try GeoJSONWriter(path: path, precision: 7)
        let written = try LayerExport.write(.gapAreas, from: store, to: writer)
        try writer.finish()
        #expect(written > 0)
        #expect(try GeoJSONCheck.violations(ofFile: path, limit: 5) == [])

        var rings = 0
        try GeoJSONReader(path: path).forEachFeature { feature in
            for polygon in feature.geometry?.polygons ?? [] {
                for ring in polygon.rings {
                    rings += 1
                    let area = abs(RingOrientation.signedDoubleArea(ring)) / 2
                    #expect(area >= GeoJSONWriter.minimumRingArea * 0.999, "sliver ring of \(area) deg²")
                }
            }
        }
        #expect(rings > 0)
    }
}
