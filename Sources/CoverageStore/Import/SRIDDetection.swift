import CoverageFormats

/// Recognises the coordinate reference system a file declares.
enum SRIDDetection {
    /// The EPSG code a legacy GeoJSON `crs` names or links to, or why it cannot be used.
    static func fromLegacyCRS(_ crs: LegacyCRS) -> (srid: Int?, problem: String?) {
        let hint = "pass --srid with its EPSG code, or convert the file to WGS 84 (RFC 7946 has no crs member)"
        if let name = crs.name {
            if let code = fromCRSName(name) { return (code, nil) }
            return (nil, "the legacy crs '\(name)' is not an EPSG code or CRS84 that covaudit knows; \(hint)")
        }
        if let href = crs.href {
            if let code = fromLink(href) { return (code, nil) }
            return (
                nil,
                "the legacy crs links to '\(href)' (type \(crs.linkType ?? "unknown")), which covaudit cannot read; \(hint)"
            )
        }
        return (nil, "the legacy crs (type '\(crs.type ?? "none")') names no coordinate system; \(hint)")
    }

    /// The EPSG code in a linked CRS address such as `http://spatialreference.org/ref/epsg/3405/proj4/`
    /// or `http://www.opengis.net/def/crs/EPSG/0/3405`: the first run of 4 or more digits after "EPSG".
    static func fromLink(_ href: String) -> Int? {
        guard let range = href.range(of: "epsg", options: .caseInsensitive) else { return nil }
        let runs = href[range.upperBound...].split(whereSeparator: { !$0.isASCII || !$0.isNumber })
        return runs.first { $0.count >= 4 && $0.count <= 6 }.flatMap { Int($0) }
    }

    /// The EPSG code in a GeoJSON 2008 `crs` name such as `urn:ogc:def:crs:EPSG::3405` or `EPSG:4326`.
    static func fromCRSName(_ name: String) -> Int? {
        let upper = name.uppercased()
        if upper.hasSuffix("CRS84") || upper.hasSuffix("CRS:84") { return 4326 }
        guard upper.contains("EPSG") else { return nil }
        let digits = upper.reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
