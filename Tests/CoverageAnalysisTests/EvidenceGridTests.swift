import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// The table-driven tile row equals the reference formula (`Quadkey(containing:zoom:)`'s) everywhere:
/// on and around every row edge, at the poles of the tiling and at random latitudes.
@Suite struct EvidenceGridTests {
    /// Every row edge, approached within a few ulps and within and beyond the margin, both sides.
    @Test func rowEdgesMatchReference() {
        let table = EvidenceRowTable.shared
        var mismatches: [Double] = []
        for k in 0...EvidenceGrid.side {
            let edge = table.top[k]
            var probes = [edge, edge.nextUp, edge.nextDown, edge.nextUp.nextUp, edge.nextDown.nextDown]
            for d in [0.5, 1, 1.5, 2, 10, 1e3] {
                probes += [edge + d * EvidenceRowTable.margin, edge - d * EvidenceRowTable.margin]
            }
            for lat in probes where abs(lat) <= Quadkey.maximumLatitude {
                if EvidenceGrid.tile(lon: 1, lat: lat)?.y != EvidenceGrid.referenceTile(lon: 1, lat: lat)?.y {
                    mismatches.append(lat)
                }
            }
        }
        #expect(mismatches.isEmpty, "rows differ from the reference at \(mismatches.prefix(5))")
    }

    /// The limits of the tiling and just beyond.
    @Test(arguments: [
        Quadkey.maximumLatitude, -Quadkey.maximumLatitude, Quadkey.maximumLatitude.nextDown,
        -Quadkey.maximumLatitude.nextDown, 85.0511287798, -85.0511287798, 85, -85, 0, -0.0, 0.0.nextUp, 0.0.nextDown,
        45, -45,
    ])
    func limitsMatchReference(lat: Double) {
        for lon in [-180, -179.999, 0, 2.35, 180] {
            let fast = EvidenceGrid.tile(lon: lon, lat: lat)
            let reference = EvidenceGrid.referenceTile(lon: lon, lat: lat)
            #expect(fast?.x == reference?.x && fast?.y == reference?.y)
        }
    }

    /// Off the tiling: nil, as the reference.
    @Test func offTilingIsNil() {
        for (lon, lat) in [(0, 85.06), (0, -85.06), (180.0001, 0), (.nan, 0), (0, .infinity), (0, 90)] {
            #expect(EvidenceGrid.tile(lon: lon, lat: lat) == nil)
            #expect(EvidenceGrid.referenceTile(lon: lon, lat: lat) == nil)
        }
    }

    /// Random latitudes over the whole tiling and over a country, and random points' full tiles.
    @Test func randomPointsMatchReference() {
        var rng = SplitMix64(seed: 16)
        var mismatches = 0
        for i in 0..<400_000 {
            let lat =
                i % 2 == 0
                ? rng.range(-Quadkey.maximumLatitude, Quadkey.maximumLatitude) : rng.range(41, 51.5)
            let lon = rng.range(-180, 180)
            let fast = EvidenceGrid.tile(lon: lon, lat: lat)
            let reference = EvidenceGrid.referenceTile(lon: lon, lat: lat)
            if fast?.x != reference?.x || fast?.y != reference?.y { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
