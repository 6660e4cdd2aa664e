import CoverageStore
import Foundation

/// Writes small fixture files and stores for tests.
public struct FixtureDirectory {
    /// The folder that holds the fixture files.
    public let url: URL

    /// A new empty folder.
    public init(_ label: String = "fixture") throws {
        url = try TestPaths.temporaryDirectory(label)
    }

    /// A new empty folder inside `parent`.
    public init(_ label: String, in parent: URL) throws {
        url = parent.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes UTF-8 text to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Writes bytes to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Creates a fresh store `name` in the folder.
    public func store(_ name: String = "store.sqlite") throws -> Store {
        try Store.create(at: path(name))
    }
}

/// GeoJSON text builders for fixtures.
public enum GeoJSONText {
    /// A FeatureCollection of the given feature texts.
    public static func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}"
    }

    /// A feature with a geometry JSON text and properties JSON text.
    public static func feature(_ geometry: String, _ properties: String = "{}") -> String {
        "{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":\(geometry)}"
    }

    /// A coverage-area feature: a twelve-sided polygon centred on (x, y) with `radius` degrees, of
    /// `operatorName` and `technology`, source "predicted".
    public static func twelveGon(
        _ x: Double, _ y: Double, radius: Double, id: String, operatorName: String = "Viettel",
        technology: String = "4G"
    ) -> String {
        var ring = (0..<12).map { j -> String in
            let a = 2 * Double.pi * Double(j) / 12
            return "[\(x + radius * cos(a)),\(y + radius * sin(a))]"
        }
        ring.append(ring[0])
        return feature(
            #"{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}"#,
            #"{"id":"\#(id)","operator":"\#(operatorName)","technology":"\#(technology)","source":"predicted"}"#)
    }

    /// An active access fibre-route feature through `points` (longitude, latitude), of `operatorName`.
    public static func fibreRoute(_ points: [(Double, Double)], id: String, operatorName: String) -> String {
        let coordinates = points.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        return feature(
            #"{"type":"LineString","coordinates":[\#(coordinates)]}"#,
            #"{"id":"\#(id)","operator":"\#(operatorName)","medium":"fibre","level":"access","status":"active"}"#)
    }

    /// An axis-aligned square polygon (counter-clockwise) as GeoJSON geometry text.
    public static func square(_ x: Double, _ y: Double, _ size: Double) -> String {
        let x2 = x + size
        let y2 = y + size
        return
            "{\"type\":\"Polygon\",\"coordinates\":[[[\(x),\(y)],[\(x2),\(y)],[\(x2),\(y2)],[\(x),\(y2)],[\(x),\(y)]]]}"
    }
}

extension FixtureDirectory {
    /// A fresh store holding the 92 real Thái Nguyên communes (2025) from GeoData/thai-nguyen.
    public func storeWithRealCommunes(_ configure: (inout ImportOptions) -> Void = { _ in }) throws -> Store {
        let store = try store()
        var options = ImportOptions(layer: .communes)
        configure(&options)
        _ = try store.importFile(
            TestPaths.refdata.appendingPathComponent("tn_communes_2025.geojson").path, options: options)
        return store
    }
}
