import CoverageModel
import Foundation

/// The zoom-16 Web Mercator tile of a point as integer column and row, computed exactly as
/// `Quadkey(containing:zoom:)` but without building the digit string (no allocation per test).
enum EvidenceGrid {
    /// The grid's zoom: the Ookla open-data tiles.
    static let zoom = 16

    /// Tiles per side.
    static let side = 1 << zoom

    /// Column and row of the zoom-16 tile containing (`lon`, `lat`), or nil outside the tiling.
    ///
    /// Equal to `referenceTile` for every input: the row comes from `EvidenceRowTable` (no
    /// `log`, `tan` or `cos`), except within a hair of a row boundary, where the reference formula
    /// itself decides.
    @inline(__always)
    static func tile(lon: Double, lat: Double) -> (x: Int, y: Int)? {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), abs(lat) <= Quadkey.maximumLatitude else {
            return nil
        }
        return (column(lon), EvidenceRowTable.shared.row(lat) ?? referenceRow(lat))
    }

    /// Column and row by the formula of `Quadkey(containing:zoom:)`, or nil outside the tiling.
    static func referenceTile(lon: Double, lat: Double) -> (x: Int, y: Int)? {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), abs(lat) <= Quadkey.maximumLatitude else {
            return nil
        }
        return (column(lon), referenceRow(lat))
    }

    /// The tile column of a longitude within the tiling.
    @inline(__always)
    static func column(_ lon: Double) -> Int {
        let n = Double(side)
        let fx = (lon + 180) / 360 * n
        return Swift.min(side - 1, Swift.max(0, Int(fx.rounded(.down))))
    }

    /// The tile row of a latitude within the tiling, by the formula of `Quadkey(containing:zoom:)`.
    static func referenceRow(_ lat: Double) -> Int {
        let n = Double(side)
        let latitude = lat * .pi / 180
        let fy = (1 - log(tan(latitude) + 1 / cos(latitude)) / .pi) / 2 * n
        return Swift.min(side - 1, Swift.max(0, Int(fy.rounded(.down))))
    }
}

/// The latitudes where the zoom-16 tile row changes, for finding a row by comparisons.
///
/// Row `k` spans the latitudes from `top[k + 1]` to `top[k]` (`top[k]`: the mathematical top edge
/// of row k, computed once). The reference formula's own rounding can only move a row boundary by
/// far less than `margin` (its error is below 1e-9 rows; a row is at least 1/2,100 degree), so a
/// latitude farther than `margin` from both edges of its row has that row by the reference formula
/// too; nearer, `row` answers nil and the caller applies the formula.
struct EvidenceRowTable: Sendable {
    /// Built on first use (about 65 k `sinh`/`atan`, a few milliseconds).
    static let shared = EvidenceRowTable()

    /// Degrees of latitude around each row edge left to the reference formula.
    static let margin = 1e-9
    /// Buckets per degree of the coarse table.
    static let bucketsPerDegree = 256.0
    /// `top[k]`, k = 0…side: top edge latitude of row k (`top[side]`: the bottom edge of the last row).
    let top: [Double]
    /// Per bucket of `bucketsPerDegree` (from the top of the tiling down), the row of its top latitude.
    let firstRow: [Int32]
    /// The top latitude of bucket 0.
    let start: Double

    /// Computes the row edges and the bucket table.
    init() {
        let n = EvidenceGrid.side
        top = (0...n).map { k in atan(sinh(.pi * (1 - 2 * Double(k) / Double(n)))) * 180 / .pi }
        start = top[0]
        let buckets = Int(((top[0] - top[n]) * Self.bucketsPerDegree).rounded(.up)) + 1
        var firstRow = [Int32](repeating: 0, count: buckets)
        var k = 0
        for b in 0..<buckets {
            let lat = top[0] - Double(b) / Self.bucketsPerDegree
            while k < n - 1, top[k + 1] >= lat { k += 1 }
            // Row k holds the bucket's top latitude (or it is at an edge); one row up is safe either way.
            firstRow[b] = Int32(Swift.max(0, k - 1))
        }
        self.firstRow = firstRow
    }

    /// The tile row of `lat` (within ±`Quadkey.maximumLatitude`), or nil within `margin` of a row edge.
    @inline(__always)
    func row(_ lat: Double) -> Int? {
        let n = EvidenceGrid.side
        let bucket = Int((start - lat) * Self.bucketsPerDegree)
        guard bucket >= 0, bucket < firstRow.count else { return nil }
        return top.withUnsafeBufferPointer { top in
            var k = Int(firstRow[bucket])
            // Walk down to the row whose bottom edge lies below `lat`.
            while k < n - 1, top[k + 1] >= lat { k += 1 }
            let above = k == 0 ? Double.infinity : top[k] - lat
            let below = k == n - 1 ? Double.infinity : lat - top[k + 1]
            return above > Self.margin && below > Self.margin ? k : nil
        }
    }
}
