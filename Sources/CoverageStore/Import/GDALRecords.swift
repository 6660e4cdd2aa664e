import CoverageFormats
import CoverageModel
import GDALVector

/// One layer of a file read through GDAL/OGR, reprojected to WGS 84 by OGR/PROJ as it is read.
struct GDALRecords: RecordSource {
    let layer: VectorLayer
    /// The EPSG code of the CRS the coordinates are read in (0 for a CRS without one), nil when none.
    let declaredSRID: Int?
    private let transform: CoordinateTransform?
    var reprojects: Bool { true }
    /// GDAL's name for the driver that read the file (`GPKG`, `ESRI Shapefile`, ...).
    var formatName: String? { layer.file.driver }

    /// Opens `path` with the drivers of `format`, picks the layer and settles its CRS:
    /// `--assume-srid` wins; `--srid` must agree with the file's own CRS; else the file's CRS.
    init(path: String, format: InputFormat, options: ImportOptions) throws {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let file = try VectorFile(path: path, drivers: format.gdalDrivers ?? [])
        layer = try file.layer(named: options.sourceLayer)
        let source: SpatialReference?
        do {
            source = try Self.sourceCRS(layer: layer, options: options, file: name)
            declaredSRID = source.map { $0.epsg ?? 0 }
            transform = try source.flatMap { $0.epsg == 4326 ? nil : try CoordinateTransform(from: $0) }
        } catch let e as GDALError {
            throw ImportError(file: name, location: .file, reason: "layer \(layer.name): \(e)")
        }
    }

    /// The CRS to read the layer in, or nil when neither the file nor the options give one.
    private static func sourceCRS(layer: VectorLayer, options: ImportOptions, file: String) throws -> SpatialReference?
    {
        if let assumed = options.assumeSRID { return try SpatialReference(epsg: assumed) }
        let own = layer.spatialReference
        guard let srid = options.sourceSRID else { return own }
        let given = try SpatialReference(epsg: srid)
        guard let own else { return given }
        if own.epsg == srid || own.isSame(as: given) { return own }
        throw ImportError(
            file: file, location: .file,
            reason:
                "--srid \(srid) (\(given.name)) contradicts the file's own CRS \(own.label); "
                + "drop --srid to use the file's CRS, or pass --assume-srid \(srid) if the file's CRS is wrong")
    }

    func sourceSRID(options: ImportOptions, file: String) throws -> Int { declaredSRID ?? 4326 }

    func forEach(_ body: (InputRecord) throws -> Void) throws {
        try layer.forEachFeature(transform: transform) { f in
            // A feature's problem names its layer, its position and GDAL's FID.
            let location = InputLocation.layerFeature(layer: layer.name, index: f.index, fid: f.fid)
            try body(InputRecord(location: location, geometry: f.geometry, values: lowered(f.properties)))
        }
    }
}
