import CoverageModel
import Foundation

/// A property value read from an input file (GeoJSON properties, CSV cells, DBF fields).
public enum PropertyValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    /// A JSON integer (no fraction or exponent), kept as its literal digits: exact at any size.
    case integer(String)
    case string(String)
    /// A nested JSON array or object, kept as its JSON text.
    case json(String)

    /// The value as text: numbers without a trailing ".0" when integral; nil for null.
    public var text: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .integer(let digits): return digits
        case .string(let s): return s
        case .json(let s): return s
        }
    }

    /// The value as a number when it is one or is text that parses as one.
    public var number: Double? {
        switch self {
        case .number(let d): return d
        case .integer(let digits): return Double(digits)
        case .string(let s): return Double(s.trimmedWhitespace)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// One feature read from a vector file: its 0-based position in the file, geometry and properties.
public struct Feature: Sendable {
    /// 0-based index of the feature in the file (for error messages: "feature 12").
    public var index: Int
    /// The geometry, or nil when the file gives `null`.
    public var geometry: Geometry?
    /// The properties by name, in the file's spelling.
    public var properties: [String: PropertyValue]
    /// The GeoJSON feature `id` member, when present.
    public var id: PropertyValue?
    /// The feature id GDAL gives it (FID: from 0 in a Shapefile, the primary key in a GeoPackage), when read through GDAL.
    public var fid: Int64?

    public init(
        index: Int, geometry: Geometry?, properties: [String: PropertyValue], id: PropertyValue? = nil,
        fid: Int64? = nil
    ) {
        self.index = index
        self.geometry = geometry
        self.properties = properties
        self.id = id
        self.fid = fid
    }
}

/// Where in an input file something went wrong.
public enum InputLocation: Hashable, Sendable, CustomStringConvertible {
    case file
    /// 0-based feature index (GeoJSON, Shapefile).
    case feature(Int)
    /// 0-based feature index in a layer read through GDAL, with the layer's name and GDAL's FID when known.
    case layerFeature(layer: String, index: Int, fid: Int64?)
    /// 1-based line number (CSV, and GeoJSON syntax errors).
    case line(Int)
    /// A byte offset into the file.
    case byte(Int)

    public var description: String {
        switch self {
        case .file: "file"
        case .feature(let i): "feature \(i)"
        case .layerFeature(let layer, let i, let fid?): "layer \(layer): feature \(i) (FID \(fid))"
        case .layerFeature(let layer, let i, nil): "layer \(layer): feature \(i)"
        case .line(let n): "line \(n)"
        case .byte(let b): "byte \(b)"
        }
    }
}

/// A problem with an input file: which file, where in it, and why.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: InputLocation
    public var reason: String

    public init(file: String, location: InputLocation, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    public var description: String {
        location == .file ? "\(file): \(reason)" : "\(file): \(location): \(reason)"
    }
}
