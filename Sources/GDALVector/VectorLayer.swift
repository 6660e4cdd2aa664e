import CGDAL
import CoverageFormats
import CoverageModel

/// One layer of a `VectorFile`, read feature by feature as `Feature` values.
public final class VectorLayer {
    /// The dataset, kept open while the layer is used.
    public let file: VectorFile
    /// The layer name.
    public let name: String
    let handle: OGRLayerH

    init(file: VectorFile, handle: OGRLayerH) {
        self.file = file
        self.handle = handle
        self.name = GDALLibrary.string(OGR_L_GetName(handle)) ?? "?"
    }

    /// The layer's own CRS (from the `.prj`, the GeoPackage's `gpkg_spatial_ref_sys`, ...), if any.
    public var spatialReference: SpatialReference? {
        guard let h = OGR_L_GetSpatialRef(handle), let copy = OSRClone(h) else { return nil }
        return SpatialReference(owning: copy)
    }

    /// The number of features, or nil when the driver would have to scan to count them.
    public var featureCount: Int? {
        let n = OGR_L_GetFeatureCount(handle, 0)
        return n >= 0 ? Int(n) : nil
    }

    /// Calls `body` with each feature in file order; geometries transformed by `transform` when given.
    ///
    /// `Feature.index` is the 0-based position in reading order. Text is UTF-8 as GDAL recoded it
    /// (Shapefile: from the `.cpg` or the DBF language id).
    /// - Throws: `FormatError` naming the file, layer and feature with GDAL's reason; errors from `body` pass through.
    public func forEachFeature(transform: CoordinateTransform?, _ body: (Feature) throws -> Void) throws {
        try GDALLibrary.prepare()
        OGR_L_ResetReading(handle)
        let definition = OGR_L_GetLayerDefn(handle)
        let fields = (0..<OGR_FD_GetFieldCount(definition)).map { i -> Field in
            let d = OGR_FD_GetFieldDefn(definition, i)
            return Field(
                name: OGR_Fld_GetNameRef(d).flatMap(file.text) ?? "field\(i)", type: OGR_Fld_GetType(d),
                isBoolean: OGR_Fld_GetSubType(d) == OFSTBoolean, isWhole: Self.isWholeReal(d))
        }
        var index = 0
        while true {
            CPLErrorReset()
            let next = OGR_L_GetNextFeature(handle)
            defer { next.map(OGR_F_Destroy) }
            // A damaged record can come back as a feature with an error raised: that is a failure too.
            if GDALLibrary.failed {
                throw failure(index, next.flatMap(Self.fid), GDALLibrary.reason("cannot read the feature"))
            }
            guard let feature = next else { return }
            let fid = Self.fid(feature)
            let geometry = try readGeometry(feature, transform: transform, index: index, fid: fid)
            var properties: [String: PropertyValue] = [:]
            properties.reserveCapacity(fields.count)
            for (i, field) in fields.enumerated() {
                properties[field.name] = try value(feature, Int32(i), field, index: index, fid: fid)
            }
            try body(Feature(index: index, geometry: geometry, properties: properties, fid: fid))
            index += 1
        }
    }

    /// An error at feature `index` (GDAL's `fid`, when known) of this layer.
    func failure(_ index: Int, _ fid: Int64?, _ reason: String) -> FormatError {
        FormatError(file: file.name, location: .layerFeature(layer: name, index: index, fid: fid), reason: reason)
    }

    /// GDAL's id for a feature, or nil when it has none (`OGRNullFID`).
    static func fid(_ feature: OGRFeatureH) -> Int64? {
        let fid = Int64(OGR_F_GetFID(feature))
        return fid == Int64(OGRNullFID) ? nil : fid
    }

    /// True for a Real field declared with a width and no decimals (a DBF `N(20,0)`): whole numbers.
    static func isWholeReal(_ definition: OGRFieldDefnH?) -> Bool {
        OGR_Fld_GetType(definition) == OFTReal && OGR_Fld_GetWidth(definition) > 0
            && OGR_Fld_GetPrecision(definition) == 0
    }

    /// A field's name and OGR type.
    struct Field {
        var name: String
        var type: OGRFieldType
        var isBoolean: Bool
        /// A Real field without decimals (see `isWholeReal`).
        var isWhole: Bool
    }

    /// Integers are exact (`PropertyValue.integer`), like GeoJSON's: ids above 2^53 stay distinct.
    private func value(_ feature: OGRFeatureH, _ i: Int32, _ field: Field, index: Int, fid: Int64?) throws
        -> PropertyValue
    {
        guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { return .null }
        if field.isBoolean { return .bool(OGR_F_GetFieldAsInteger(feature, i) != 0) }
        switch field.type {
        case OFTInteger, OFTInteger64: return .integer(String(OGR_F_GetFieldAsInteger64(feature, i)))
        case OFTReal:
            let d = OGR_F_GetFieldAsDouble(feature, i)
            // A double is exact up to 2^53; a wider whole field is read exactly by `VectorFile` (ADJUST_TYPE).
            if field.isWhole, d.rounded() == d, abs(d) <= 9_007_199_254_740_992 { return .integer(String(Int64(d))) }
            return .number(d)
        case OFTDate:
            var y: Int32 = 0, m: Int32 = 0, d: Int32 = 0, h: Int32 = 0, mi: Int32 = 0, tz: Int32 = 0
            var s: Float = 0
            guard OGR_F_GetFieldAsDateTimeEx(feature, i, &y, &m, &d, &h, &mi, &s, &tz) != 0 else { return .null }
            return .string(Self.isoDate(Int(y), Int(m), Int(d)))
        default:
            guard let raw = OGR_F_GetFieldAsString(feature, i) else { return .null }
            guard let text = file.text(raw) else {
                throw failure(
                    index, fid,
                    "field '\(field.name)' is not valid UTF-8 after GDAL's recoding "
                        + "(give the shapefile a .cpg naming its code page, e.g. CP1258)")
            }
            return .string(text)
        }
    }

    private func readGeometry(
        _ feature: OGRFeatureH, transform: CoordinateTransform?, index: Int, fid: Int64?
    ) throws -> Geometry? {
        guard let ref = OGR_F_GetGeometryRef(feature), OGR_G_IsEmpty(ref) == 0 else { return nil }
        let linear = OGR_G_HasCurveGeometry(ref, 0) != 0
        guard var g = linear ? OGR_G_GetLinearGeometry(ref, 0, nil) : OGR_G_Clone(ref) else {
            throw failure(index, fid, GDALLibrary.reason("cannot copy the geometry"))
        }
        defer { OGR_G_DestroyGeometry(g) }
        OGR_G_FlattenTo2D(g)
        if OGR_GT_Flatten(OGR_G_GetGeometryType(g)) == wkbGeometryCollection, let single = Self.homogeneous(g) {
            g = single
        }
        if let transform {
            CPLErrorReset()
            guard OGR_G_Transform(g, transform.handle) == OGRERR_NONE else {
                throw failure(
                    index, fid, GDALLibrary.reason("cannot transform from \(transform.source.label) to WGS 84"))
            }
        }
        let size = Int(OGR_G_WkbSize(g))
        var bytes = [UInt8](repeating: 0, count: size)
        guard OGR_G_ExportToIsoWkb(g, wkbNDR, &bytes) == OGRERR_NONE else {
            throw failure(index, fid, GDALLibrary.reason("cannot export the geometry as WKB"))
        }
        do { return try WKB.decode(bytes) } catch { throw failure(index, fid, "\(error)") }
    }

    /// `YYYY-MM-DD`.
    static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            String(repeating: "0", count: max(0, n - String(v).count)) + String(v)
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// A collection of only polygons, only lines or only points (KML MultiGeometry) as the
    /// matching multi-geometry, in place; nil when it is mixed.
    private static func homogeneous(_ g: OGRGeometryH) -> OGRGeometryH? {
        let kinds = Set(
            (0..<OGR_G_GetGeometryCount(g)).map { OGR_GT_Flatten(OGR_G_GetGeometryType(OGR_G_GetGeometryRef(g, $0))) })
        guard kinds.count == 1, let kind = kinds.first else { return nil }
        switch kind {
        case wkbPolygon, wkbMultiPolygon: return OGR_G_ForceToMultiPolygon(g)
        case wkbLineString, wkbMultiLineString: return OGR_G_ForceToMultiLineString(g)
        case wkbPoint, wkbMultiPoint: return OGR_G_ForceToMultiPoint(g)
        default: return nil
        }
    }
}
