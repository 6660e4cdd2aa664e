import CoverageModel
import CoverageStore
import Foundation
import SpatialSQL

/// Area shares with GEOS through SpatiaLite: area(unit ∩ ∪ coverage) / area(unit), geodesic.
struct AreaCoverage {
    let db: Connection
    let parameters: CoverageParameters

    /// The SQL returning the geometries of measure `key` near unit `?1` (admin_units.id).
    private func sources(_ key: TechnologyKey) -> [String] {
        let op = parameters.operatorName == nil ? "" : " AND c.operator = ?3"
        func mobile(_ techs: [Technology]) -> String {
            let list = techs.map { "'\($0.rawValue)'" }.joined(separator: ",")
            return """
                SELECT c.geom AS g FROM coverage_areas c WHERE c.technology IN (\(list))\(op)
                  AND c.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'coverage_areas'
                                  AND search_frame = (SELECT geom FROM admin_units WHERE id = ?1))
                """
        }
        let statuses = parameters.includePlanned ? "'active','planned'" : "'active'"
        let rop = parameters.operatorName == nil ? "" : " AND r.operator = ?3"
        // Fibre reach as an area: routes and nodes buffered by the drop distance in the unit's UTM zone.
        let fibre = """
            SELECT ST_Transform(ST_Buffer(ST_Transform(r.geom, ?2), ?4, 8), 4326) AS g FROM routes r
            WHERE r.medium = 'fibre' AND r.status IN (\(statuses))\(rop)
              AND r.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'routes'
                              AND search_frame = (SELECT ST_Expand(geom, ?5) FROM admin_units WHERE id = ?1))
            UNION ALL
            SELECT ST_Transform(ST_Buffer(ST_Transform(r.geom, ?2), ?4, 8), 4326) AS g FROM nodes r
            WHERE r.status IN (\(statuses))\(rop)
              AND r.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'nodes'
                              AND search_frame = (SELECT ST_Expand(geom, ?5) FROM admin_units WHERE id = ?1))
            """
        switch key {
        case .g2, .g3, .g4, .g5: return [mobile([key.generation ?? .g4])]
        case .g4plus: return [mobile([.g4, .g5])]
        case .fibre: return [fibre]
        case .broadband:
            return [fibre, mobile(Technology.allCases.filter { $0 >= parameters.broadbandMinimum })]
        }
    }

    /// The union of measure `key`'s geometries clipped to the unit, as an SQL expression.
    private func clippedUnion(_ key: TechnologyKey) -> String {
        let union = sources(key).joined(separator: "\nUNION ALL\n")
        return "ST_Intersection((SELECT geom FROM admin_units WHERE id = ?1), (SELECT GUnion(g) FROM (\(union))))"
    }

    /// Binds the unit id, its UTM zone SRID, the operator, the drop distance and a degree margin.
    private func bindings(unitID: Int64, centre: Coordinate) -> [any SQLBindable] {
        let zone = Int(((centre.x + 180) / 6).rounded(.down)) + 1
        let srid = (centre.y >= 0 ? 32600 : 32700) + min(max(zone, 1), 60)
        let margin = parameters.fibreDistanceMetres / (111_000 * max(cos(centre.y * .pi / 180), 0.1))
        return [unitID, srid, parameters.operatorName ?? "", parameters.fibreDistanceMetres, margin]
    }

    /// Area shares per measure for one unit (0…1), keyed by measure.
    func shares(unitID: Int64, centre: Coordinate, measures: [TechnologyKey]) throws -> [TechnologyKey: Double] {
        var out: [TechnologyKey: Double] = [:]
        for key in measures {
            let sql = "SELECT ST_Area(\(clippedUnion(key)), 1) / ST_Area((SELECT geom FROM admin_units WHERE id = ?1), 1)"
            let stmt = try db.prepare(sql).bindAvailable(bindings(unitID: unitID, centre: centre))
            defer { stmt.reset() }
            let value = try stmt.step() ? stmt.row.double(0) : 0
            out[key] = min(max(value, 0), 1)
        }
        return out
    }

    /// The uncovered part of a unit for measure `key`, as WKB (nil when fully covered).
    func uncoveredWKB(unitID: Int64, centre: Coordinate, key: TechnologyKey) throws -> (wkb: [UInt8], km2: Double)? {
        let union = sources(key).joined(separator: "\nUNION ALL\n")
        let sql = """
            SELECT AsBinary(d), ST_Area(d, 1) / 1e6 FROM (
              SELECT CASE WHEN un IS NULL THEN u.geom
                          ELSE CastToMultiPolygon(CollectionExtract(ST_Difference(u.geom, un), 3)) END AS d
              FROM (SELECT geom, (SELECT GUnion(g) FROM (\(union))) AS un FROM admin_units WHERE id = ?1) u)
            """
        let stmt = try db.prepare(sql).bindAvailable(bindings(unitID: unitID, centre: centre))
        defer { stmt.reset() }
        guard try stmt.step(), let wkb = stmt.row.blob(0), !wkb.isEmpty else { return nil }
        let km2 = stmt.row.double(1)
        return km2 > 0 ? (wkb, km2) : nil
    }
}
