import SpatialSQL

/// One schema step: a version number and the SQL that brings the store to it.
struct Migration: Sendable {
    let version: Int
    let summary: String
    /// Statements run in order inside one transaction.
    let statements: [String]
    /// A step in Swift run after the statements, in the same transaction (nil: none).
    var finish: (@Sendable (Connection) throws -> Void)? = nil
}

/// The ordered schema migrations. Append new steps; never edit a released one.
enum Migrations {
    /// The newest schema version this build writes and reads.
    static var current: Int { all.last?.version ?? 0 }

    static let all: [Migration] = [
        Migration(version: 1, summary: "layers, crosswalk and provenance", statements: version1),
        Migration(version: 2, summary: "unit statistics and coverage results", statements: version2),
        Migration(version: 3, summary: "packed per-location results", statements: version3),
        Migration(version: 4, summary: "measurements, speed tiles and import exclusions", statements: version4),
        Migration(version: 5, summary: "probes located at their institution", statements: version5),
        Migration(version: 6, summary: "the datasets each coverage run read", statements: version6),
        Migration(
            version: 7, summary: "packed measurement blocks", statements: version7,
            finish: { try buildMeasurementBlocks($0) }),
        Migration(version: 8, summary: "the state a coverage run keeps for what-if runs", statements: version8),
    ]

    /// Creates a table with a geometry column registered in SpatiaLite metadata and an R*Tree index.
    static func spatialTable(
        _ table: String, columns: String, geometry: String = "geom", type: String,
        notNull: Bool = true, constraints: String? = nil, indexed: Bool = true
    ) -> [String] {
        let statements = [
            // The geometry is declared in CREATE TABLE (so it can be NOT NULL) and then
            // registered in SpatiaLite's metadata with RecoverGeometryColumn.
            "CREATE TABLE \(table) (\(columns), \(geometry) \(type)\(notNull ? " NOT NULL" : "")"
                + (constraints.map { ", \($0))" } ?? ")"),
            "SELECT RecoverGeometryColumn('\(table)', '\(geometry)', 4326, '\(type)', 'XY')",
            "SELECT CreateSpatialIndex('\(table)', '\(geometry)')",
        ]
        return indexed ? statements : Array(statements.dropLast())
    }

    static let datasetRef = "dataset_id INTEGER NOT NULL REFERENCES datasets(id)"

    static let version1: [String] =
        [
            """
            CREATE TABLE covaudit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
            """,
            """
            CREATE TABLE datasets (
              id INTEGER PRIMARY KEY, layer TEXT NOT NULL, file_name TEXT NOT NULL,
              sha256 TEXT NOT NULL, row_count INTEGER NOT NULL, imported_at TEXT NOT NULL,
              as_of TEXT, format TEXT NOT NULL, options TEXT NOT NULL)
            """,
        ]
        + spatialTable(
            "admin_units",
            columns: """
                id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('province','district','commune')),
                parent_code TEXT, vintage TEXT NOT NULL, \(datasetRef)
                """, type: "MULTIPOLYGON", constraints: "UNIQUE (vintage, code)")
        + spatialTable(
            "hamlets",
            columns: """
                id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, commune_code TEXT,
                households INTEGER CHECK (households >= 0), population INTEGER CHECK (population >= 0),
                \(datasetRef)
                """, type: "POINT")
        + [
            "ALTER TABLE hamlets ADD COLUMN area MULTIPOLYGON",
            "SELECT RecoverGeometryColumn('hamlets', 'area', 4326, 'MULTIPOLYGON', 'XY')",
            "SELECT CreateSpatialIndex('hamlets', 'area')",
        ]
        + spatialTable(
            "households",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL,
                households INTEGER NOT NULL CHECK (households >= 0), persons INTEGER CHECK (persons >= 0),
                kind TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL, \(datasetRef)
                """, type: "POINT", indexed: false)
        + spatialTable(
            "institutions",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                connection TEXT NOT NULL, evidence TEXT NOT NULL, speed_mbps REAL, \(datasetRef)
                """, type: "POINT")
        + spatialTable(
            "routes",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, operator TEXT NOT NULL,
                medium TEXT NOT NULL, level TEXT NOT NULL, status TEXT NOT NULL, capacity TEXT,
                length_m REAL NOT NULL, \(datasetRef)
                """, type: "MULTILINESTRING")
        + spatialTable(
            "nodes",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, kind TEXT NOT NULL, operator TEXT NOT NULL,
                status TEXT NOT NULL, \(datasetRef)
                """, type: "POINT")
        + spatialTable(
            "sites",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, operator TEXT NOT NULL,
                technology TEXT NOT NULL, band TEXT, range_m REAL, mcc INTEGER, mnc INTEGER,
                area_code INTEGER, cell_id INTEGER, samples INTEGER, \(datasetRef)
                """, type: "POINT")
        + spatialTable(
            "coverage_areas",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, operator TEXT NOT NULL,
                technology TEXT NOT NULL, source TEXT NOT NULL, confidence REAL, as_of TEXT,
                site_id TEXT, \(datasetRef)
                """, type: "MULTIPOLYGON")
        + [
            """
            CREATE TABLE crosswalk (
              id INTEGER PRIMARY KEY, old_vintage TEXT NOT NULL, old_code TEXT NOT NULL,
              new_vintage TEXT NOT NULL, new_code TEXT NOT NULL,
              share REAL NOT NULL DEFAULT 1 CHECK (share >= 0 AND share <= 1), \(datasetRef),
              UNIQUE (old_vintage, old_code, new_vintage, new_code))
            """,
            "CREATE INDEX households_dataset ON households(dataset_id)",
            "CREATE INDEX admin_units_level ON admin_units(vintage, level)",
            "CREATE INDEX coverage_areas_tech ON coverage_areas(technology, operator)",
            "CREATE INDEX routes_medium ON routes(medium, status)",
        ]

    /// Unit statistics (e.g. census households per old commune) and the tables coverage runs write.
    static let version2: [String] =
        [
            """
            CREATE TABLE unit_statistics (
              id INTEGER PRIMARY KEY, vintage TEXT NOT NULL, code TEXT NOT NULL,
              households INTEGER CHECK (households >= 0), persons INTEGER CHECK (persons >= 0),
              \(datasetRef), UNIQUE (vintage, code))
            """,
            """
            CREATE TABLE coverage_runs (
              id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, tool_version TEXT NOT NULL,
              parameters TEXT NOT NULL)
            """,
            """
            CREATE TABLE unit_coverage (
              run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
              unit_level TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL,
              technology TEXT NOT NULL, operator TEXT NOT NULL,
              locations INTEGER NOT NULL, locations_covered INTEGER NOT NULL,
              households INTEGER NOT NULL, households_covered INTEGER NOT NULL,
              persons INTEGER NOT NULL, persons_covered INTEGER NOT NULL,
              household_share REAL, person_share REAL, area_share REAL,
              PRIMARY KEY (run_id, unit_level, unit_code, technology, operator))
            """,
            """
            CREATE TABLE location_coverage (
              run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
              household_id INTEGER NOT NULL, unit_code TEXT, hamlet_code TEXT,
              g2 INTEGER NOT NULL, g3 INTEGER NOT NULL, g4 INTEGER NOT NULL, g5 INTEGER NOT NULL,
              fibre INTEGER NOT NULL, fibre_network INTEGER NOT NULL, broadband INTEGER NOT NULL,
              operators_4g INTEGER NOT NULL, fibre_m REAL, fibre_network_m REAL,
              PRIMARY KEY (run_id, household_id)) WITHOUT ROWID
            """,
        ]
        + spatialTable(
            "gap_clusters",
            columns: """
                id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
                technology TEXT NOT NULL, unit_code TEXT, locations INTEGER NOT NULL, households INTEGER NOT NULL,
                persons INTEGER NOT NULL, radius_m REAL NOT NULL
                """, type: "POINT")
        + spatialTable(
            "gap_areas",
            columns: """
                id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
                technology TEXT NOT NULL, unit_code TEXT NOT NULL, area_km2 REAL NOT NULL, area_share REAL NOT NULL
                """, type: "MULTIPOLYGON")
}

extension Migrations {
    /// The view `location_coverage` keeps version 2's columns.
    static let locationCoverageView = """
        CREATE VIEW location_coverage AS
        SELECT r.id AS run_id, l.household_id, u.code AS unit_code, h.code AS hamlet_code,
          l.flags & 1 AS g2, (l.flags >> 1) & 1 AS g3, (l.flags >> 2) & 1 AS g4, (l.flags >> 3) & 1 AS g5,
          (l.flags >> 4) & 1 AS fibre, (l.flags >> 5) & 1 AS fibre_network, (l.flags >> 6) & 1 AS broadband,
          l.operators_4g, l.fibre_cm / 100.0 AS fibre_m, l.fibre_network_cm / 100.0 AS fibre_network_m
        FROM location_results l CROSS JOIN coverage_runs r
          LEFT JOIN location_units u ON u.position = l.unit
          LEFT JOIN location_hamlets h ON h.position = l.hamlet
        """

    /// Per-location results packed (a run writes ~25 M of them at national scale): one row keyed by
    /// the household id, unit and hamlet as positions into two code tables, the seven yes/no columns
    /// as bits, distances in whole centimetres. Version 2's rows are carried over (in SQLite `<<` binds
    /// no tighter than `|`: every shift is parenthesised).
    static let version3: [String] = [
        "CREATE TABLE location_units (position INTEGER PRIMARY KEY, code TEXT NOT NULL)",
        "CREATE TABLE location_hamlets (position INTEGER PRIMARY KEY, code TEXT NOT NULL)",
        """
        CREATE TABLE location_results (
          household_id INTEGER PRIMARY KEY, unit INTEGER, hamlet INTEGER, flags INTEGER NOT NULL,
          operators_4g INTEGER NOT NULL, fibre_cm INTEGER, fibre_network_cm INTEGER)
        """,
        """
        INSERT INTO location_units(code)
        SELECT DISTINCT unit_code FROM location_coverage WHERE unit_code IS NOT NULL ORDER BY 1
        """,
        """
        INSERT INTO location_hamlets(code)
        SELECT DISTINCT hamlet_code FROM location_coverage WHERE hamlet_code IS NOT NULL ORDER BY 1
        """,
        """
        INSERT INTO location_results
        SELECT c.household_id, u.position, h.position,
          c.g2 + (c.g3 << 1) + (c.g4 << 2) + (c.g5 << 3) + (c.fibre << 4) + (c.fibre_network << 5)
            + (c.broadband << 6),
          c.operators_4g, CAST(round(c.fibre_m * 100) AS INTEGER), CAST(round(c.fibre_network_m * 100) AS INTEGER)
        FROM location_coverage c
          LEFT JOIN location_units u ON u.code = c.unit_code
          LEFT JOIN location_hamlets h ON h.code = c.hamlet_code
        ORDER BY c.household_id
        """,
        "DROP TABLE location_coverage",
        locationCoverageView,
    ]
}
