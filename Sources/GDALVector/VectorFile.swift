import CGDAL
import CoverageFormats
import Foundation

/// A vector dataset opened read-only through GDAL/OGR (Shapefile, GeoPackage, MapInfo, KML, ...).
public final class VectorFile {
    /// The path as given.
    public let path: String
    /// The name used in messages (the last path component).
    public let name: String
    /// GDAL's short driver name: `ESRI Shapefile`, `GPKG`, `MapInfo File`, ...
    public let driver: String
    /// True when text is read as raw CP1258 bytes and decoded in Swift (see `CP1258`).
    let rawCP1258: Bool
    let handle: GDALDatasetH
    /// The in-memory files the dataset is read from, kept until it is closed (see `init(memoryFiles:drivers:)`).
    private var memory: MemoryFiles?

    /// Opens `path` with any GDAL vector driver, or only `drivers` (short names) when given.
    /// - Throws: `FormatError` with GDAL's reason when no driver can open the file.
    public init(path: String, drivers: [String] = []) throws {
        try GDALLibrary.prepare()
        self.path = path
        self.name = String(path.split(separator: "/").last ?? Substring(path))
        var opened = try Self.open(path, drivers, options: [], name: name)
        driver = GDALLibrary.string(GDALGetDriverShortName(GDALGetDatasetDriver(opened))) ?? "?"
        let first = GDALDatasetGetLayer(opened, 0)
        // A CP1258 shapefile (from its .cpg or DBF language id) is reopened without GDAL's recoding.
        let encoding = first.flatMap { GDALLibrary.string(GDALGetMetadataItem($0, "SOURCE_ENCODING", "SHAPEFILE")) }
        rawCP1258 = driver == "ESRI Shapefile" && encoding?.contains("1258") == true
        var options = rawCP1258 ? ["ENCODING="] : []
        // A DBF number too wide for Integer64 without decimals is a Real: reopened so GDAL reads whole ones exactly.
        if driver == "ESRI Shapefile", let first, Self.hasWholeReal(first) { options.append("ADJUST_TYPE=YES") }
        if !options.isEmpty {
            GDALClose(opened)
            opened = try Self.open(path, drivers, options: options, name: name)
        }
        handle = opened
    }

    /// Opens files given as bytes from GDAL's in-memory file system (`/vsimem/`): the first is the
    /// dataset, the others its side files (`.shx`, `.dbf`, `.prj`, `.cpg` of a Shapefile).
    /// - Throws: `FormatError` with GDAL's reason when no driver in `drivers` (any when empty) opens it.
    public convenience init(memoryFiles files: [(name: String, bytes: [UInt8])], drivers: [String] = []) throws {
        let memory = try MemoryFiles(files)
        try self.init(path: memory.path(files.first?.name ?? "empty"), drivers: drivers)
        self.memory = memory
    }

    /// True when the layer has a Real field with a width and no decimals (see `VectorLayer.isWholeReal`).
    private static func hasWholeReal(_ layer: OGRLayerH) -> Bool {
        let definition = OGR_L_GetLayerDefn(layer)
        return (0..<OGR_FD_GetFieldCount(definition)).contains {
            VectorLayer.isWholeReal(OGR_FD_GetFieldDefn(definition, $0))
        }
    }

    private static func open(_ path: String, _ drivers: [String], options: [String], name: String) throws
        -> GDALDatasetH
    {
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        let opened = CStringList.with(drivers) { list in
            CStringList.with(options) { GDALOpenEx(path, flags, list, $0, nil) }
        }
        guard let opened else {
            throw FormatError(
                file: name, location: .file, reason: GDALLibrary.reason("GDAL cannot open it as a vector dataset"))
        }
        return opened
    }

    /// Text read from a field or field name, decoded as the file's encoding; nil when not valid.
    func text(_ pointer: UnsafePointer<CChar>) -> String? {
        rawCP1258 ? CP1258.decode(pointer) : String(validatingCString: pointer)
    }

    deinit { GDALClose(handle) }  // before `memory` removes the files it reads

    /// The names of the dataset's layers, in order.
    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { GDALLibrary.string(OGR_L_GetName($0)) }
        }
    }

    /// The layer named `name`, or the only layer when `name` is nil.
    /// - Throws: `FormatError` naming the layers when there is no such layer, or several and none named.
    public func layer(named layerName: String?) throws -> VectorLayer {
        let names = layerNames
        let list = names.joined(separator: ", ")
        if let layerName {
            guard let h = GDALDatasetGetLayerByName(handle, layerName) else {
                throw FormatError(
                    file: name, location: .file, reason: "has no layer '\(layerName)' (layers: \(list))")
            }
            return VectorLayer(file: self, handle: h)
        }
        guard !names.isEmpty, let h = GDALDatasetGetLayer(handle, 0) else {
            throw FormatError(file: name, location: .file, reason: "holds no vector layer")
        }
        guard names.count == 1 else {
            throw FormatError(
                file: name, location: .file,
                reason: "has \(names.count) layers (\(list)); choose one with --layer NAME")
        }
        return VectorLayer(file: self, handle: h)
    }

    /// GDAL's short name of the driver that recognises `path`, or nil when none does (or GDAL
    /// cannot be opened: opening the file then says why).
    public static func identifyDriver(path: String) -> String? {
        guard (try? GDALLibrary.prepare()) != nil else { return nil }
        guard let d = GDALIdentifyDriverEx(path, UInt32(GDAL_OF_VECTOR), nil, nil) else { return nil }
        return GDALLibrary.string(GDALGetDriverShortName(d))
    }
}

/// A NULL-terminated C string array for the GDAL calls that take one (`char **`).
enum CStringList {
    /// Calls `body` with the list, or with nil when `strings` is empty.
    static func with<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        guard !strings.isEmpty else { return body(nil) }
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
