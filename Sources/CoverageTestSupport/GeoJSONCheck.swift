import Foundation

/// Checks a GeoJSON file against RFC 7946: closed rings, exterior rings counter-clockwise and holes
/// clockwise, longitudes in [-180, 180], latitudes in [-90, 90], no `crs` member.
public enum GeoJSONCheck {
    /// The violations found (empty when the file conforms); at most `limit` are listed.
    public static func violations(ofFile path: String, limit: Int = 20) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return ["not a JSON object"]
        }
        var out: [String] = []
        func add(_ s: String) { if out.count < limit { out.append(s) } }
        if root["crs"] != nil { add("has a crs member") }
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]] else {
            return ["not a FeatureCollection"]
        }
        func position(_ p: Any, _ where_: String) -> (Double, Double)? {
            guard let a = p as? [Any], a.count >= 2, let x = (a[0] as? NSNumber)?.doubleValue,
                let y = (a[1] as? NSNumber)?.doubleValue
            else { add("\(where_): bad position"); return nil }
            if !(-180...180).contains(x) || !(-90...90).contains(y) {
                add("\(where_): position \(x),\(y) out of range")
            }
            return (x, y)
        }
        func ring(_ r: Any, exterior: Bool, _ where_: String) {
            guard let pts = r as? [Any] else { return add("\(where_): ring is not an array") }
            let ps = pts.compactMap { position($0, where_) }
            guard ps.count >= 4 else { return add("\(where_): ring has \(ps.count) positions") }
            if let a = ps.first, let b = ps.last, a != b { add("\(where_): ring not closed") }
            var s = 0.0
            for i in 0..<(ps.count - 1) {
                s += (ps[i].0 - ps[0].0) * (ps[i + 1].1 - ps[0].1) - (ps[i + 1].0 - ps[0].0) * (ps[i].1 - ps[0].1)
            }
            if exterior && s < 0 { add("\(where_): exterior ring clockwise") }
            if !exterior && s > 0 { add("\(where_): hole counter-clockwise") }
        }
        func polygon(_ p: Any, _ where_: String) {
            guard let rings = p as? [Any] else { return add("\(where_): polygon is not an array") }
            for (i, r) in rings.enumerated() { ring(r, exterior: i == 0, "\(where_) ring \(i)") }
        }
        for (n, f) in features.enumerated() {
            let w = "feature \(n)"
            guard f["type"] as? String == "Feature" else { add("\(w): not a Feature"); continue }
            guard let g = f["geometry"] as? [String: Any] else { continue }
            let coords = g["coordinates"] ?? []
            switch g["type"] as? String {
            case "Point": _ = position(coords, w)
            case "MultiPoint", "LineString": for p in coords as? [Any] ?? [] { _ = position(p, w) }
            case "MultiLineString":
                for l in coords as? [Any] ?? [] { for p in l as? [Any] ?? [] { _ = position(p, w) } }
            case "Polygon": polygon(coords, w)
            case "MultiPolygon": for p in coords as? [Any] ?? [] { polygon(p, w) }
            default: add("\(w): unknown geometry type")
            }
        }
        return out
    }

    /// Runs `ogrinfo -ro -so -al FILE`; nil when ogrinfo is not installed, else whether it succeeded.
    public static func ogrinfoAccepts(_ path: String) throws -> Bool? {
        guard let ogrinfo = ProcessRunner.which("ogrinfo") else { return nil }
        let r = try ProcessRunner.run(ogrinfo, ["-ro", "-so", "-al", path])
        return r.status == 0 && !r.stderr.contains("ERROR")
    }
}
