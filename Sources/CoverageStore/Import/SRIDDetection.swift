/// Recognises the coordinate reference system a file declares.
enum SRIDDetection {
    /// The EPSG code in a GeoJSON 2008 `crs` name such as `urn:ogc:def:crs:EPSG::3405` or `EPSG:4326`.
    static func fromCRSName(_ name: String) -> Int? {
        let upper = name.uppercased()
        if upper.hasSuffix("CRS84") || upper.hasSuffix("CRS:84") { return 4326 }
        guard upper.contains("EPSG") else { return nil }
        let digits = upper.reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
