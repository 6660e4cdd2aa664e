import Foundation
import SpatialSQL
import Testing

/// Issue 16: each operator's area share per mobile measure in the demo's coverage.json against GEOS
/// through SpatiaLite SQL: the ellipsoidal area of the commune ∩ the union of the operator's polygons,
/// their edges split every 0.0005° so that GEOS's geodesic edges follow the straight lon/lat edges
/// the shares are defined on (unsplit, cells' long edges differ by up to 3e-5 of a commune).
enum DemoOperatorAreasGEOS {
    /// Checks every commune and every operator; returns the largest difference.
    static func check(store: String, coverageJSON: String) throws -> Double {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: coverageJSON)))
        let coverage = try #require((json as? [String: Any])?["coverage"] as? [String: Any])
        let operators = try #require(coverage["operators"] as? [String])
        let units = try #require(coverage["units"] as? [[String: Any]])
        #expect(operators.count >= 3 && units.count == 92)
        let db = try Connection(path: store, mode: .readOnly)
        var worst = 0.0
        for (key, generations) in [
            ("2G", ["2G"]), ("3G", ["3G"]), ("4G", ["4G"]), ("5G", ["5G"]), ("4G+", ["4G", "5G"]),
        ] {
            for op in operators {
                let geos = try shares(
                    db, operator: op, generations: generations, codes: units.compactMap { $0["code"] as? String })
                for u in units {
                    let code = try #require(u["code"] as? String)
                    let measure = (u["coverage"] as? [String: Any])?[key] as? [String: Any]
                    let figures = (measure?["operators"] as? [String: Any])?[op] as? [String: Any]
                    let ours = try #require(figures?["area_share"] as? Double, "\(op) \(key) area share of \(code)")
                    let theirs = try #require(geos[code])
                    worst = max(worst, abs(ours - theirs))
                    #expect(abs(ours - theirs) < 5e-6, "\(op) \(key) in \(code): \(ours) vs GEOS \(theirs)")
                }
            }
        }
        print("operator area shares: largest difference to GEOS \(worst)")
        return worst
    }

    /// GEOS: area(commune ∩ ∪ the operator's coverage of the generations) / area(commune), geodesic.
    static func shares(_ db: Connection, operator name: String, generations: [String], codes: [String]) throws
        -> [String: Double]
    {
        let list = generations.map { "'\($0)'" }.joined(separator: ",")
        let units = codes.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ",")
        let rows = try db.rows(
            """
            SELECT u.code, ifnull(ST_Area(ST_Intersection(u.geom, (SELECT ST_UnaryUnion(ST_Collect(ST_Segmentize(c.geom, 0.0005)))
                     FROM coverage_areas c WHERE c.technology IN (\(list)) AND c.operator = ?
                       AND c.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'coverage_areas'
                                       AND search_frame = u.geom))), 1), 0) / ST_Area(u.geom, 1)
            FROM admin_units u WHERE u.level = 'commune' AND u.code IN (\(units))
            """, [name]
        ) { ($0.text(0) ?? "", $0.double(1)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }
}
