import CoverageGenerator
import CoverageTestSupport
import Foundation

/// Generates territories once per process and reads their files back for the tests.
enum GeneratedFiles {
    /// Generates `scale` with `seed` into a fresh temporary directory.
    static func generate(_ scale: Scale, seed: UInt64) throws -> (URL, GenerationSummary) {
        let dir = try TestPaths.temporaryDirectory("covaudit-gen-\(scale.rawValue)")
        let summary = try generateTerritory(.defaults(for: scale, seed: seed), outputDirectory: dir, progress: nil)
        return (dir, summary)
    }

    /// One GeoJSON feature line: its properties, and its geometry exactly as written.
    struct FeatureLine {
        var properties: [String: Any]
        var geometryJSON: String
        var geometry: [String: Any]
    }

    /// The features of a generated GeoJSON file (one feature per line).
    static func features(_ url: URL) throws -> [FeatureLine] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [FeatureLine] = []
        for line in text.split(separator: "\n") where line.hasPrefix("{\"type\":\"Feature\"") {
            var body = String(line)
            if body.hasSuffix(",") { body.removeLast() }
            guard let start = body.range(of: "\"geometry\":"), let end = body.range(of: ",\"properties\":")
            else { continue }
            let geometryJSON = String(body[start.upperBound..<end.lowerBound])
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
            out.append(
                FeatureLine(
                    properties: object["properties"] as? [String: Any] ?? [:], geometryJSON: geometryJSON,
                    geometry: object["geometry"] as? [String: Any] ?? [:]))
        }
        return out
    }

    /// The data rows of a CSV file split on commas (generated numeric files have no quoted fields).
    static func csvRows(_ url: URL) throws -> [[Substring]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
    }
}
