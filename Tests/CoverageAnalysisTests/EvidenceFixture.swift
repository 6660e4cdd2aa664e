import CoverageModel
import Foundation

@testable import CoverageAnalysis

/// A hand fixture for the evidence analysis: two communes side by side, two operators whose declared
/// polygons overlap each other and both communes, and helpers to place tests.
enum EvidenceFixture {
    /// 2025-12-01T00:00:00Z.
    static let asOf = 1_764_547_200.0

    /// An axis-aligned lon/lat rectangle.
    struct Box {
        var minX, minY, maxX, maxY: Double

        func contains(_ p: Coordinate) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

        var geometry: Geometry {
            .polygon(
                Polygon(closedRings: [
                    [
                        Coordinate(minX, minY), Coordinate(maxX, minY), Coordinate(maxX, maxY), Coordinate(minX, maxY),
                        Coordinate(minX, minY),
                    ]
                ]))
        }
    }

    static let communeA = Box(minX: 105.0, minY: 21.0, maxX: 105.1, maxY: 21.1)
    static let communeB = Box(minX: 105.1, minY: 21.0, maxX: 105.2, maxY: 21.1)

    /// Declared coverage: (operator, technology, box). Beta's 4G is two overlapping areas.
    static let declared: [(String, Technology, Box)] = [
        ("Alpha", .g4, Box(minX: 105.0, minY: 21.0, maxX: 105.15, maxY: 21.1)),
        ("Alpha", .g5, Box(minX: 105.02, minY: 21.02, maxX: 105.06, maxY: 21.06)),
        ("Beta", .g4, Box(minX: 105.05, minY: 21.0, maxX: 105.12, maxY: 21.05)),
        ("Beta", .g4, Box(minX: 105.10, minY: 21.0, maxX: 105.2, maxY: 21.05)),
        ("Beta", .g3, Box(minX: 105.0, minY: 21.0, maxX: 105.2, maxY: 21.1)),
    ]

    /// The communes, given in reverse code order (the analysis sorts them).
    static var communes: [AdminUnit] {
        [
            AdminUnit(
                code: "B2", name: "B", level: .commune, parentCode: nil, vintage: "t", geometry: communeB.geometry),
            AdminUnit(
                code: "A1", name: "A", level: .commune, parentCode: nil, vintage: "t", geometry: communeA.geometry),
        ]
    }

    static var coverage: [CoverageArea] {
        declared.enumerated().map { i, d in
            CoverageArea(id: "c\(i)", operatorName: d.0, technology: d.1, source: .declared, geometry: d.2.geometry)
        }
    }

    /// A UTC time `daysBefore` days before the as-of date at local (UTC+7) hour `hour` and `minute`.
    static func time(daysBefore: Int, localHour hour: Int, minute: Int = 0) -> Double {
        asOf - Double(daysBefore) * 86_400 + Double((hour - 7) * 3600 + minute * 60)
    }

    /// A speed test.
    static func speedTest(
        _ id: String, _ p: Coordinate, _ op: String?, _ tech: Technology?, down: Double?, up: Double?,
        time: Double? = time(daysBefore: 10, localHour: 12)
    ) -> CoverageModel.Measurement {
        CoverageModel.Measurement(
            id: id, position: p, time: time, operatorName: op, technology: tech, downloadMbps: down, uploadMbps: up,
            source: .crowdApp)
    }

    /// `count` points strictly inside the zoom-16 tile containing `centre`, on a small diagonal.
    static func pointsInTile(of centre: Coordinate, count: Int) -> [Coordinate] {
        guard let tile = Quadkey(containing: centre, zoom: 16) else { return [] }
        let b = tile.bounds
        return (0..<count).map { i in
            let f = (Double(i) + 1) / Double(count + 1)
            return Coordinate(b.minX + (b.maxX - b.minX) * f, b.minY + (b.maxY - b.minY) * (0.2 + 0.6 * f))
        }
    }
}
