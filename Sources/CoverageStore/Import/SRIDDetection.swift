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

    /// The EPSG code of common Vietnamese and WGS 84 `.prj` WKT texts, or nil when unknown.
    static func fromWKT(_ wkt: String) -> Int? {
        let w = wkt.uppercased().replacingOccurrences(of: " ", with: "_")
        // In OGC WKT the outermost CRS's AUTHORITY clause comes last.
        if w.contains("AUTHORITY[\"EPSG\",\""),
            let last = w.components(separatedBy: "AUTHORITY[\"EPSG\",\"").last,
            let code = Int(String(last.prefix { $0.isNumber }))
        {
            return code
        }
        let isVN2000 = w.contains("VN-2000") || w.contains("VN_2000") || w.contains("VN2000")
        if w.hasPrefix("PROJCS") {
            if isVN2000 && (w.contains("UTM_ZONE_48N") || w.contains("UTM_48N")) { return 3405 }
            if isVN2000 && (w.contains("UTM_ZONE_49N") || w.contains("UTM_49N")) { return 3406 }
            if w.contains("WGS_84") && w.contains("UTM_ZONE_48N") { return 32648 }
            if w.contains("WGS_84") && w.contains("UTM_ZONE_49N") { return 32649 }
            return nil
        }
        if w.hasPrefix("GEOGCS") {
            if isVN2000 { return 4756 }
            if w.contains("WGS_1984") || w.contains("WGS_84") { return 4326 }
        }
        return nil
    }
}
