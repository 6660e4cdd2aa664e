import CoverageModel
import Foundation

/// An equirectangular projection scaled by cos(mid-latitude), fitted to a drawing width in px.
struct MapFrame: Sendable {
    var minLon: Double, maxLat: Double, kx: Double, scale: Double
    var width: Double, height: Double

    /// The frame fitting every coordinate of `geometries`, or nil when they have no extent.
    init?(fitting geometries: [Geometry], width: Double) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for g in geometries {
            g.forEachCoordinate { c in
                minX = min(minX, c.x)
                maxX = max(maxX, c.x)
                minY = min(minY, c.y)
                maxY = max(maxY, c.y)
            }
        }
        guard minX.isFinite, maxX > minX, maxY > minY else { return nil }
        kx = cos((minY + maxY) / 2 * .pi / 180)
        scale = width / ((maxX - minX) * kx)
        minLon = minX
        maxLat = maxY
        self.width = width
        height = (maxY - minY) * scale
    }

    /// The point in px (y down).
    func project(_ c: Coordinate) -> MapPoint { MapPoint(x: (c.x - minLon) * kx * scale, y: (maxLat - c.y) * scale) }

    /// Pixels per kilometre (north–south, the same east–west after the cos scaling).
    var pixelsPerKm: Double { scale / 111.32 }
}

/// A projected point in px, snapped to 0.1 px.
struct MapPoint: Hashable, Sendable {
    var x: Double, y: Double

    /// The point rounded to the 0.1 px grid the SVG is written on.
    var snapped: MapPoint { MapPoint(x: (x * 10).rounded() / 10, y: (y * 10).rounded() / 10) }
}
