import CGDAL
import CoverageFormats
import CoverageModel

/// Writes a GeoPackage through OGR: typed layers in EPSG:4326 and QGIS styles in `layer_styles`.
public final class GeoPackageWriter {
    /// A field's type in the GeoPackage.
    public enum FieldKind: Sendable { case integer, real, text, boolean }

    /// A value written into a field.
    public enum FieldValue: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    /// The geometry type a layer declares (QGIS styles by it).
    public enum LayerGeometry: Sendable { case point, multiLineString, multiPolygon }

    private let path: String
    private let name: String
    private let handle: GDALDatasetH
    private var closed = false
    private let wgs84: SpatialReference
    private var styles: [(layer: String, styleName: String, qml: String, isDefault: Bool)] = []

    /// Creates the file (which must not exist).
    /// - Throws: `FormatError` with GDAL's reason.
    public init(path: String) throws {
        try GDALLibrary.prepare()
        // gpkg_contents.last_change from a fixed date: the same inputs give the same bytes.
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "1970-01-01T00:00:00.000Z")
        self.path = path
        name = String(path.split(separator: "/").last ?? Substring(path))
        guard let driver = GDALGetDriverByName("GPKG"),
            let ds = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil)
        else { throw FormatError(file: name, location: .file, reason: GDALLibrary.reason("cannot create GeoPackage")) }
        handle = ds
        wgs84 = try SpatialReference.wgs84()
    }

    deinit { if !closed { GDALClose(handle) } }

    private func fail(_ reason: String) -> FormatError {
        FormatError(file: name, location: .file, reason: GDALLibrary.reason(reason))
    }

    /// Writes one layer in a transaction: `rows` calls its argument once per feature.
    public func writeLayer(
        _ layerName: String, geometry: LayerGeometry?, fields: [(String, FieldKind)],
        rows: ((Geometry?, [FieldValue]) throws -> Void) throws -> Void
    ) throws {
        let type: OGRwkbGeometryType =
            switch geometry {
            case .point: wkbPoint
            case .multiLineString: wkbMultiLineString
            case .multiPolygon: wkbMultiPolygon
            case nil: wkbNone
            }
        guard let layer = GDALDatasetCreateLayer(handle, layerName, geometry == nil ? nil : wgs84.handle, type, nil)
        else { throw fail("cannot create layer \(layerName)") }
        for (fieldName, kind) in fields {
            let ogrType: OGRFieldType =
                switch kind {
                case .integer, .boolean: OFTInteger64
                case .real: OFTReal
                case .text: OFTString
                }
            let definition = OGR_Fld_Create(fieldName, kind == .boolean ? OFTInteger : ogrType)
            defer { OGR_Fld_Destroy(definition) }
            if kind == .boolean { OGR_Fld_SetSubType(definition, OFSTBoolean) }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw fail("cannot create field \(fieldName) in layer \(layerName)")
            }
        }
        // Creates the table now, so that a layer without features still exists in the file.
        guard OGR_L_SyncToDisk(layer) == OGRERR_NONE else { throw fail("cannot create layer \(layerName)") }
        guard GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE else { throw fail("cannot start a transaction") }
        let definition = OGR_L_GetLayerDefn(layer)
        try rows { geometryValue, values in
            guard let feature = OGR_F_Create(definition) else { throw fail("cannot create a feature") }
            defer { OGR_F_Destroy(feature) }
            for (i, value) in values.enumerated() {
                switch value {
                case .null: OGR_F_SetFieldNull(feature, Int32(i))
                case .integer(let v): OGR_F_SetFieldInteger64(feature, Int32(i), v)
                case .real(let v) where v.isFinite: OGR_F_SetFieldDouble(feature, Int32(i), v)
                case .real: OGR_F_SetFieldNull(feature, Int32(i))
                case .text(let v): OGR_F_SetFieldString(feature, Int32(i), v)
                }
            }
            if let geometryValue, geometry != nil {
                OGR_F_SetGeometryDirectly(feature, try ogrGeometry(geometryValue, as: type))
            }
            guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
                throw fail("cannot write a feature of layer \(layerName)")
            }
        }
        guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
            throw fail("cannot commit layer \(layerName)")
        }
    }

    /// An OGR geometry from a model geometry, promoted to the layer's multi type.
    private func ogrGeometry(_ g: Geometry, as type: OGRwkbGeometryType) throws -> OGRGeometryH {
        var bytes = WKB.encode(g)
        var made: OGRGeometryH?
        guard OGR_G_CreateFromWkb(&bytes, nil, &made, Int32(bytes.count)) == OGRERR_NONE, let made else {
            throw fail("cannot convert a geometry")
        }
        switch type {
        case wkbMultiPolygon: return OGR_G_ForceToMultiPolygon(made)
        case wkbMultiLineString: return OGR_G_ForceToMultiLineString(made)
        default: return made
        }
    }

    /// Adds a QGIS style (QML) for a layer, written to `layer_styles` when the file is closed.
    public func addStyle(layer: String, name styleName: String, qml: String, isDefault: Bool) {
        styles.append((layer, styleName, qml, isDefault))
    }

    /// Writes `layer_styles` (the table QGIS reads a GeoPackage layer's default style from) and closes.
    ///
    /// GDAL writes the layers' extents and its last pages when the file is closed: a failure there
    /// (a full disk) is an error, never a file left without them.
    public func finish() throws {
        do {
            try writeStyles()
        } catch {
            GDALClose(handle)
            closed = true
            throw error
        }
        CPLErrorReset()
        GDALClose(handle)
        closed = true
        if GDALLibrary.failed { throw fail("cannot finish the GeoPackage") }
    }

    /// Writes `layer_styles` when styles were added.
    private func writeStyles() throws {
        guard !styles.isEmpty else { return }
        let fields: [(String, FieldKind)] = [
            ("f_table_catalog", .text), ("f_table_schema", .text), ("f_table_name", .text),
            ("f_geometry_column", .text), ("styleName", .text), ("styleQML", .text), ("styleSLD", .text),
            ("useAsDefault", .boolean), ("description", .text), ("owner", .text), ("ui", .text),
            ("update_time", .text),
        ]
        try writeLayer("layer_styles", geometry: nil, fields: fields) { row in
            for s in styles {
                try row(
                    nil,
                    [
                        .text(""), .text(""), .text(s.layer), .text("geom"), .text(s.styleName), .text(s.qml),
                        .text(""), .integer(s.isDefault ? 1 : 0), .text("covaudit"), .text(""), .null,
                        .text("1970-01-01T00:00:00Z"),
                    ])
            }
        }
    }
}
