import CoverageFormats
import CoverageModel
import SpatialSQL

/// What a measurements import did with institution ids: tests attached to a stored institution, those
/// placed at its location (no coordinates of their own), and ids that match no institution (kept,
/// unattached: the test stays where its coordinates put it).
public struct ProbeLinks: Sendable, Codable, Hashable {
    /// Stored rows whose institution id matches a stored institution.
    public var attached = 0
    /// Of those, rows without coordinates placed at the institution's location.
    public var locatedAtInstitution = 0
    /// Stored rows whose institution id matches no stored institution.
    public var unattached = 0
    /// The first few unmatched ids, for the import summary.
    public var unattachedExamples: [String] = []

    enum CodingKeys: String, CodingKey {
        case attached, unattached
        case locatedAtInstitution = "located_at_institution"
        case unattachedExamples = "unattached_examples"
    }

    /// Counts one stored row naming institution `id`.
    mutating func note(_ id: String, matched: Bool, located: Bool) {
        if matched {
            attached += 1
            if located { locatedAtInstitution += 1 }
        } else {
            unattached += 1
            if unattachedExamples.count < ExclusionTally.examplesPerReason, !unattachedExamples.contains(id) {
                unattachedExamples.append(id)
            }
        }
    }

    /// The import summary's lines (none when no row named an institution).
    var warnings: [String] {
        var lines: [String] = []
        if locatedAtInstitution > 0 {
            lines.append(
                "\(locatedAtInstitution) rows without coordinates placed at their institution's location "
                    + "(located_at_institution = 1)")
        }
        if unattached > 0 {
            lines.append(
                "\(unattached) rows kept unattached: their institution id matches no stored institution (e.g. "
                    + unattachedExamples.map { "'\($0)'" }.joined(separator: ", ")
                    + "); import the institutions first to attach them")
        }
        return lines
    }
}

/// The stored institutions' locations by id, for attaching probes (the lowest row id wins when an id repeats).
struct InstitutionLocator {
    let positions: [String: Coordinate]

    init(_ db: Connection) throws {
        var positions: [String: Coordinate] = [:]
        let rows = try db.rows("SELECT ext_id, X(geom), Y(geom) FROM institutions ORDER BY id") { r in
            (r.text(0) ?? "", Coordinate(r.double(1), r.double(2)))
        }
        for (id, c) in rows where positions[id] == nil { positions[id] = c }
        self.positions = positions
    }
}
