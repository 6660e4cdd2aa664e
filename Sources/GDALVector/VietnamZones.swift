/// The VN-2000 coordinate systems a file without a CRS may be in: which put given coordinates inside Vietnam.
public enum VietnamZones {
    /// VN-2000 UTM 48N/49N, the TM-3 provincial zones (EPSG:9205–9218, 6956–6959; not the deprecated 5896–5899) and geographic.
    public static let codes = [3405, 3406] + Array(9205...9218) + [6956, 6957, 6958, 6959]

    /// The zones (EPSG code and name) that put the projected point (x, y) inside its own area of use
    /// and inside `extent` (west, south, east, north), in `codes` order.
    public static func candidates(
        x: Double, y: Double, extent: (Double, Double, Double, Double)
    ) -> [(epsg: Int, name: String)] {
        codes.compactMap { code in
            guard let srs = try? SpatialReference(epsg: code), let t = try? CoordinateTransform(from: srs),
                let p = t.transform(x: x, y: y),
                p.lon >= extent.0, p.lat >= extent.1, p.lon <= extent.2, p.lat <= extent.3
            else { return nil }
            if let area = srs.areaOfUse,
                !(p.lon >= area.west && p.lon <= area.east && p.lat >= area.south && p.lat <= area.north)
            {
                return nil
            }
            return (code, srs.name)
        }
    }
}
