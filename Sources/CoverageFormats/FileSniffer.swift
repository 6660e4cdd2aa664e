import Foundation

/// The kind of input file, as guessed from magic bytes and the extension.
public enum DetectedFormat: String, Sendable, Hashable {
    /// A JSON document starting with `{` or `[`, or a `.geojson` / `.json` / `.ndjson` file.
    case geojson
    /// Delimited text.
    case csv
    /// An OpenCelliD cell export: CSV whose header starts `radio,mcc,net,area,cell,unit,lon,lat`.
    case opencellid
    /// An ESRI `.shp` file (file code 9994).
    case shapefile
    /// A gzip stream (1F 8B).
    case gzip
    /// A zip archive (PK 03 04).
    case zip
    /// A directory, such as an unpacked shapefile set.
    case directory
    /// Nothing exists at the path.
    case missing
    /// Binary or empty content with no telling extension.
    case unknown
}

/// Guesses an input file's format without parsing it.
public enum FileSniffer {
    /// Detects the format of `path`: magic bytes first (gzip, zip, shapefile), then the extension,
    /// then the first non-blank character (`{` or `[` → GeoJSON, other text → CSV).
    public static func detect(path: String) -> DetectedFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { return .directory }
        return detect(head: head(path: path), pathExtension: URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// The first 4 KiB of a file (empty when it cannot be read).
    public static func head(path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
    }

    /// The header columns of an OpenCelliD export, in order (the first eight identify it).
    public static let openCellIDHeader = ["radio", "mcc", "net", "area", "cell", "unit", "lon", "lat"]

    /// True when the first line of `head` is an OpenCelliD header (case-insensitive, BOM allowed).
    public static func isOpenCellIDHeader(_ head: [UInt8]) -> Bool {
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let line = head[start...].prefix { $0 != 0x0A && $0 != 0x0D }
        let fields = String(decoding: line, as: UTF8.self).lowercased().split(
            separator: ",", omittingEmptySubsequences: false)
        let names = fields.map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return names.starts(with: openCellIDHeader)
    }

    /// True when `head` holds a NUL byte: binary data (or UTF-16), never GeoJSON or CSV in UTF-8.
    public static func holdsNUL(_ head: [UInt8]) -> Bool { head.contains(0) }

    /// Detects the format from the first bytes of a file and its lower-case extension.
    public static func detect(head: [UInt8], pathExtension ext: String) -> DetectedFormat {
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .zip
        }
        if head.starts(with: [0x00, 0x00, 0x27, 0x0A]) { return .shapefile }
        switch ext {
        case "geojson", "json", "ndjson", "geojsonl", "geojsons": return .geojson
        case "csv", "tsv": return isOpenCellIDHeader(head) ? .opencellid : .csv
        case "shp": return .shapefile
        case "gz": return .gzip
        case "zip": return .zip
        default: break
        }
        var i = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < head.count, [0x20, 0x09, 0x0A, 0x0D, 0x1E].contains(head[i]) { i += 1 }
        guard i < head.count else { return .unknown }
        if head[i] == UInt8(ascii: "{") || head[i] == UInt8(ascii: "[") { return .geojson }
        let controls = head[i...].filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard controls.isEmpty else { return .unknown }
        return isOpenCellIDHeader(head) ? .opencellid : .csv
    }
}
