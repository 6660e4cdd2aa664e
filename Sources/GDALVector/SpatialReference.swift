import CGDAL

/// A coordinate reference system held by OGR (from a file, an EPSG code or WKT), axis order lon/lat, x/y.
public final class SpatialReference {
    let handle: OGRSpatialReferenceH

    /// Takes ownership of `handle` and sets the traditional GIS axis order (longitude first).
    init(owning handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// The CRS of an EPSG code.
    /// - Throws: `GDALError` with PROJ's reason when the code is unknown.
    public convenience init(epsg: Int) throws {
        try GDALLibrary.prepare()
        guard let h = OSRNewSpatialReference(nil) else { throw GDALError("cannot create a spatial reference") }
        guard OSRImportFromEPSG(h, Int32(epsg)) == OGRERR_NONE else {
            OSRDestroySpatialReference(h)
            throw GDALError(GDALLibrary.reason("unknown EPSG code \(epsg)"))
        }
        self.init(owning: h)
    }

    /// The CRS described by WKT (OGC or ESRI) or any other definition OGR accepts.
    public convenience init(definition: String) throws {
        try GDALLibrary.prepare()
        guard let h = OSRNewSpatialReference(nil) else { throw GDALError("cannot create a spatial reference") }
        guard OSRSetFromUserInput(h, definition) == OGRERR_NONE else {
            OSRDestroySpatialReference(h)
            throw GDALError(GDALLibrary.reason("cannot read the coordinate system"))
        }
        self.init(owning: h)
    }

    deinit { OSRDestroySpatialReference(handle) }

    /// WGS 84 longitude/latitude (EPSG:4326).
    public static func wgs84() throws -> SpatialReference { try SpatialReference(epsg: 4326) }

    /// The CRS name, such as `VN-2000 / TM-3 106-30`.
    public var name: String { GDALLibrary.string(OSRGetName(handle)) ?? "unnamed CRS" }

    /// True for a projected CRS (coordinates in metres or feet).
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }

    /// The EPSG code: the CRS's own authority code, else the single match OGR finds with
    /// confidence of 70% or more (as for an ESRI `.prj`, which carries no code); nil when none.
    public var epsg: Int? {
        if let authority = GDALLibrary.string(OSRGetAuthorityName(handle, nil)), authority == "EPSG",
            let code = GDALLibrary.string(OSRGetAuthorityCode(handle, nil)).flatMap({ Int($0) })
        {
            return code
        }
        var count: Int32 = 0
        var confidences: UnsafeMutablePointer<Int32>?
        guard let matches = OSRFindMatches(handle, nil, &count, &confidences) else { return nil }
        defer {
            OSRFreeSRSArray(matches)
            VSIFree(confidences)
        }
        var found: [Int] = []
        for i in 0..<Int(count) where (confidences?[i] ?? 0) >= 70 {
            guard let m = matches[i], GDALLibrary.string(OSRGetAuthorityName(m, nil)) == "EPSG",
                let code = GDALLibrary.string(OSRGetAuthorityCode(m, nil)).flatMap({ Int($0) })
            else { continue }
            found.append(code)
        }
        return found.first
    }

    /// True when both describe the same CRS (ignoring names and axis order).
    public func isSame(as other: SpatialReference) -> Bool {
        CStringList.with(["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS"])
        {
            OSRIsSameEx(handle, other.handle, $0) != 0
        }
    }

    /// The CRS's area of use in lon/lat (west, south, east, north), when PROJ knows it.
    public var areaOfUse: (west: Double, south: Double, east: Double, north: Double)? {
        var w = 0.0, s = 0.0, e = 0.0, n = 0.0
        guard OSRGetAreaOfUse(handle, &w, &s, &e, &n, nil) != 0 else { return nil }
        return (w, s, e, n)
    }

    /// True when the CRS is on the VN-2000 datum (EPSG:6756).
    public var isVN2000: Bool {
        if GDALLibrary.string(OSRGetAuthorityCode(handle, "DATUM")) == "6756" { return true }
        let datum = (GDALLibrary.string(OSRGetAttrValue(handle, "DATUM", 0)) ?? "").uppercased()
        return datum.contains("VIETNAM") && datum.contains("2000") || datum.contains("VN-2000")
            || datum.contains("VN_2000")
    }

    /// The official VN-2000 → WGS 84 parameters (EPSG:6960, position vector: m, m, m, ″, ″, ″, ppm).
    static let officialVN2000 = (
        -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278
    )

    /// The same CRS bound to the official VN-2000 → WGS 84 transformation: a PROJ string with that
    /// `+towgs84` and no EPSG code (with a code, PROJ looks the operations up and ignores the binding).
    func boundToOfficialVN2000() throws -> SpatialReference {
        guard let copy = OSRClone(handle) else { throw GDALError("cannot copy the spatial reference") }
        defer { OSRDestroySpatialReference(copy) }
        let p = Self.officialVN2000
        var proj: UnsafeMutablePointer<CChar>?
        guard OSRSetTOWGS84(copy, p.0, p.1, p.2, p.3, p.4, p.5, p.6) == OGRERR_NONE,
            OSRExportToProj4(copy, &proj) == OGRERR_NONE, let proj
        else {
            throw GDALError(GDALLibrary.reason("cannot bind \(label) to the VN-2000 → WGS 84 transformation"))
        }
        defer { VSIFree(proj) }
        return try SpatialReference(definition: String(cString: proj))
    }

    /// `EPSG:N (name)`, or the name alone when no EPSG code is known.
    public var label: String { epsg.map { "EPSG:\($0) (\(name))" } ?? name }
}

/// A failure reported by GDAL/OGR/PROJ outside any file.
public struct GDALError: Error, Sendable, CustomStringConvertible {
    /// The reason, with GDAL's message.
    public var description: String
    init(_ description: String) { self.description = description }
}
