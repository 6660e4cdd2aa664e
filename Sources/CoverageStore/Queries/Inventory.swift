import CoverageModel
import SpatialSQL

/// A count and total length of routes for one value of a grouping attribute.
public struct RouteGroup: Sendable, Codable, Hashable {
    public var key: String
    public var routes: Int
    public var lengthKm: Double
}

/// The number of coverage areas of one operator and technology.
public struct CoverageGroup: Sendable, Codable, Hashable {
    public var operatorName: String
    public var technology: String
    public var areas: Int

    enum CodingKeys: String, CodingKey {
        case operatorName = "operator"
        case technology, areas
    }
}

/// The admin units of one vintage and level.
public struct AdminGroup: Sendable, Codable, Hashable {
    public var vintage: String
    public var level: String
    public var units: Int
}

/// What a store holds: counts, route lengths, coverage areas, extent and provenance.
public struct InventorySummary: Sendable, Codable {
    public var counts: [String: Int]
    public var adminUnits: [AdminGroup]
    public var routesByOperator: [RouteGroup]
    public var routesByMedium: [RouteGroup]
    public var routesByLevel: [RouteGroup]
    public var routesByStatus: [RouteGroup]
    public var routeLengthKm: Double
    public var coverage: [CoverageGroup]
    public var households: Int
    public var persons: Int?
    /// [minLon, minLat, maxLon, maxLat] over every geometry layer, or nil for an empty store.
    public var extent: [Double]?
    public var datasets: [Provenance]
    /// Rows the evidence imports left out, per dataset and reason.
    public var exclusions: [DatasetExclusion] = []

    /// The layers holding at least one synthetic dataset, in import order.
    public var syntheticLayers: [String] {
        var seen: [String] = []
        for d in datasets where d.isSynthetic && !seen.contains(d.layer) { seen.append(d.layer) }
        return seen
    }
}

extension Store {
    /// Summarises the store's contents for `covaudit info`.
    ///
    /// - Parameter scanningHouseholds: false leaves out what needs a scan of every household and every
    ///   R*Tree — `households` is then 0, `persons` and `extent` nil (the report shows none of them;
    ///   on the demo store they are 1.05 G of the 1.08 G instructions).
    public func inventory(scanningHouseholds: Bool = true) throws -> InventorySummary {
        try wrap {
            var counts: [String: Int] = [:]
            for layer in Layer.allCases {
                let n = Int(try db.scalar("SELECT count(*) FROM \(layer.table)").int ?? 0)
                // Evidence layers are listed once they hold rows (a store without them reads as before).
                if n > 0 || !layer.isEvidence { counts[layer.rawValue] = n }
            }
            let admin = try db.rows(
                "SELECT vintage, level, count(*) FROM admin_units GROUP BY vintage, level ORDER BY vintage, level"
            ) { AdminGroup(vintage: $0.text(0) ?? "", level: $0.text(1) ?? "", units: Int($0.int(2))) }
            func routes(by column: String) throws -> [RouteGroup] {
                try db.rows(
                    "SELECT \(column), count(*), total(length_m) / 1000 FROM routes GROUP BY 1 ORDER BY 1"
                ) { RouteGroup(key: $0.text(0) ?? "", routes: Int($0.int(1)), lengthKm: $0.double(2)) }
            }
            let coverage = try db.rows(
                "SELECT operator, technology, count(*) FROM coverage_areas GROUP BY 1, 2 ORDER BY 1, 2"
            ) { CoverageGroup(operatorName: $0.text(0) ?? "", technology: $0.text(1) ?? "", areas: Int($0.int(2))) }
            let hh =
                scanningHouseholds
                ? try db.rows("SELECT total(households), count(persons), total(persons), count(*) FROM households") {
                    (Int($0.double(0)), $0.int(1), Int($0.double(2)), $0.int(3))
                }[0] : (0, 0, 0, 0)
            return InventorySummary(
                counts: counts, adminUnits: admin,
                routesByOperator: try routes(by: "operator"), routesByMedium: try routes(by: "medium"),
                routesByLevel: try routes(by: "level"), routesByStatus: try routes(by: "status"),
                routeLengthKm: try db.scalar("SELECT total(length_m) / 1000 FROM routes").double ?? 0,
                coverage: coverage, households: hh.0, persons: hh.1 == hh.3 && hh.3 > 0 ? hh.2 : nil,
                extent: scanningHouseholds ? try extent() : nil, datasets: try datasets(), exclusions: try exclusions())
        }
    }

    /// Every imported dataset with its provenance, oldest first.
    public func datasets() throws -> [Provenance] {
        try wrap {
            try db.rows(
                "SELECT id, layer, file_name, sha256, row_count, imported_at, as_of, format, options FROM datasets ORDER BY id"
            ) {
                Provenance(
                    id: $0.int(0), layer: $0.text(1) ?? "", fileName: $0.text(2) ?? "", sha256: $0.text(3) ?? "",
                    rowCount: Int($0.int(4)), importedAt: $0.text(5) ?? "", asOf: $0.text(6), format: $0.text(7) ?? "",
                    options: $0.text(8) ?? "")
            }
        }
    }

    /// The extent of every geometry layer, read from the R*Tree indexes (float32, rounded outwards).
    private func extent() throws -> [Double]? {
        let indexes = try db.rows(
            "SELECT 'idx_' || f_table_name || '_' || f_geometry_column FROM geometry_columns WHERE spatial_index_enabled = 1"
        ) { $0.text(0) ?? "" }
        // Households have no R*Tree (bulk-import speed): their extent comes from the lon/lat columns.
        var box =
            try db.rows("SELECT min(lon), min(lat), max(lon), max(lat), count(*) FROM households") {
                $0.int(4) > 0
                    ? BoundingBox(minX: $0.double(0), minY: $0.double(1), maxX: $0.double(2), maxY: $0.double(3)) : nil
            }.first ?? nil
        for index in indexes {
            let r = try db.rows("SELECT min(xmin), min(ymin), max(xmax), max(ymax), count(*) FROM \"\(index)\"") {
                $0.int(4) > 0
                    ? BoundingBox(minX: $0.double(0), minY: $0.double(1), maxX: $0.double(2), maxY: $0.double(3)) : nil
            }
            if let b = r.first ?? nil {
                if box == nil { box = b } else { box?.extend(b) }
            }
        }
        return box.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] }
    }
}
