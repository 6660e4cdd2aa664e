import CoverageFormats
import CoverageModel
import SpatialSQL

/// A column of exported rows: its name and the type the store declares for it (nil for expressions).
public struct ExportColumn: Sendable, Hashable {
    public var name: String
    public var declaredType: String?
}

/// One value of an exported row.
public enum ExportValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// A blob (a geometry column): not a property.
    case blob
}

/// One row being exported: property values by column and, last, the geometry.
///
/// Valid only inside the callback it is passed to.
public struct ExportRow {
    fileprivate let row: Row
    fileprivate let geometryColumn: Int

    /// The value of property column `i`.
    public func value(_ i: Int) -> ExportValue {
        switch row.value(i) {
        case .null: .null
        case .integer(let v): .integer(v)
        case .real(let v): .real(v)
        case .text(let v): .text(v)
        case .blob: .blob
        }
    }

    /// The row's geometry decoded from WKB (nil for NULL).
    public func geometry() throws -> Geometry? {
        row.isNull(geometryColumn) ? nil : try row.withBlob(geometryColumn) { try WKB.decode($0) }
    }
}

/// What to export: a layer, or the communes of a coverage run with one column group per measure.
public enum ExportSource: Sendable {
    case layer(ExportLayer)
    /// The communes of run `run`'s vintage with their figures; `measures` pairs each stored
    /// technology key with the prefix of its columns.
    case communeFigures(run: Int64, measures: [(technology: String, prefix: String)])

    /// The SQL (last column: the WKB geometry) and its bindings.
    var query: (sql: String, bindings: [any SQLBindable]) {
        switch self {
        case .layer(let layer): return (layer.sql, [])
        case .communeFigures(let run, let measures):
            var columns = ""
            var bindings: [any SQLBindable] = []
            for (key, p) in measures {
                for (column, source) in [
                    ("households", "households_covered"), ("household_share", "household_share"),
                    ("persons", "persons_covered"), ("person_share", "person_share"), ("area_share", "area_share"),
                ] {
                    columns += ", max(CASE WHEN uc.technology = ? THEN uc.\(source) END) AS \(p)_\(column)"
                    bindings.append(key)
                }
            }
            let sql = """
                SELECT a.code, a.name, a.level, a.parent_code, a.vintage, max(uc.locations) AS locations,
                  max(uc.households) AS households, max(uc.persons) AS persons\(columns), AsBinary(a.geom)
                FROM admin_units a JOIN coverage_runs r ON r.id = \(run)
                JOIN unit_coverage uc ON uc.run_id = r.id AND uc.operator = '' AND uc.unit_code = a.code
                  AND uc.unit_level = a.level
                WHERE a.level = 'commune' AND a.vintage = COALESCE(json_extract(r.parameters, '$.vintage'),
                  (SELECT vintage FROM admin_units WHERE level = 'commune' ORDER BY dataset_id DESC LIMIT 1))
                GROUP BY a.code, a.level ORDER BY a.code
                """
            return (sql, bindings)
        }
    }
}

extension Store {
    /// Streams the rows of `source` one at a time (memory stays flat): `body` gets the property
    /// columns (every column but the last, the geometry) before the first row, then each row.
    public func exportRows(
        _ source: ExportSource, columns: ([ExportColumn]) throws -> Void, row body: (ExportRow) throws -> Void
    ) throws {
        let (sql, bindings) = source.query
        try wrap {
            let stmt = try db.prepare(sql).bind(bindings)
            let count = stmt.columnCount - 1
            try columns(
                (0..<count).map { ExportColumn(name: stmt.columnName($0), declaredType: stmt.columnDeclaredType($0)) })
            let geometryColumn = count
            try stmt.forEachRow { try body(ExportRow(row: $0, geometryColumn: geometryColumn)) }
        }
    }

    /// The id of the latest coverage run, or nil when there is none.
    public func latestRunID() throws -> Int64? {
        try wrap { try db.scalar("SELECT max(id) FROM coverage_runs").int }
    }

    /// The stored technology keys of run `run`'s all-operator figures, sorted.
    public func runTechnologies(_ run: Int64) throws -> [String] {
        try wrap {
            try db.rows(
                "SELECT DISTINCT technology FROM unit_coverage WHERE run_id = ? AND operator = '' ORDER BY technology",
                [run], { $0.text(0) ?? "" })
        }
    }
}
