import Foundation

/// A Bing Maps tile quadkey: one base-4 digit per zoom level, in the Web Mercator tiling (EPSG:3857)
/// that Ookla's open data uses at zoom 16 (tiles ≈ 610 m at the equator, ≈ 570 m at 21° N).
public struct Quadkey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits, "0"…"3", one per zoom level.
    public let digits: String

    /// The highest latitude the tiling covers (Web Mercator's square world).
    public static let maximumLatitude = 85.05112878

    /// Parses `text`: 1 to 23 digits 0–3, nothing else; nil otherwise.
    public init?(_ text: String) {
        guard (1...23).contains(text.utf8.count), text.utf8.allSatisfy({ (48...51).contains($0) }) else { return nil }
        digits = text
    }

    /// The tile of zoom `zoom` (1…23) that contains `point` (lon/lat degrees); nil outside the tiling.
    public init?(containing point: Coordinate, zoom: Int) {
        guard (1...23).contains(zoom), point.x.isFinite, point.y.isFinite, (-180...180).contains(point.x),
            abs(point.y) <= Self.maximumLatitude
        else { return nil }
        let n = Double(1 << zoom)
        let latitude = point.y * .pi / 180
        let fx = (point.x + 180) / 360 * n
        let fy = (1 - log(tan(latitude) + 1 / cos(latitude)) / .pi) / 2 * n
        let x = Swift.min(Int(n) - 1, Swift.max(0, Int(fx.rounded(.down))))
        let y = Swift.min(Int(n) - 1, Swift.max(0, Int(fy.rounded(.down))))
        self.init(x: x, y: y, zoom: zoom)
    }

    /// The quadkey of tile column `x`, row `y` (from the top) at `zoom`.
    public init(x: Int, y: Int, zoom: Int) {
        var out = ""
        out.reserveCapacity(zoom)
        for level in stride(from: zoom, to: 0, by: -1) {
            let mask = 1 << (level - 1)
            var digit = 0
            if x & mask != 0 { digit += 1 }
            if y & mask != 0 { digit += 2 }
            out.append(Character(String(digit)))
        }
        digits = out
    }

    public var zoom: Int { digits.utf8.count }

    /// Tile column and row (from the top) at `zoom`.
    public var tile: (x: Int, y: Int) {
        /// The column and row the digits `bytes` spell.
        func place(_ bytes: some Sequence<UInt8>) -> (x: Int, y: Int) {
            var x = 0
            var y = 0
            for byte in bytes {
                let d = Int(byte - 48)
                x = x << 1 | (d & 1)
                y = y << 1 | (d >> 1)
            }
            return (x, y)
        }
        // The digits' contiguous bytes when the string has them (native strings do): a plain loop.
        return digits.utf8.withContiguousStorageIfAvailable { place($0) } ?? place(digits.utf8)
    }

    /// The tile's extent in lon/lat degrees.
    public var bounds: BoundingBox {
        let (x, y) = tile
        let n = Double(1 << zoom)
        func latitude(_ row: Double) -> Double { atan(sinh(.pi * (1 - 2 * row / n))) * 180 / .pi }
        return BoundingBox(
            minX: Double(x) / n * 360 - 180, minY: latitude(Double(y + 1)), maxX: Double(x + 1) / n * 360 - 180,
            maxY: latitude(Double(y)))
    }

    /// The tile as a closed counter-clockwise lon/lat ring (its four corners).
    public var polygon: Polygon {
        let b = bounds
        return Polygon(closedRings: [
            [
                Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
                Coordinate(b.minX, b.maxY), Coordinate(b.minX, b.minY),
            ]
        ])
    }

    public var description: String { digits }

    public static func < (a: Quadkey, b: Quadkey) -> Bool { a.digits < b.digits }
}
