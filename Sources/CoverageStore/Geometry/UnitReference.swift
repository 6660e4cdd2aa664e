import CoverageModel

/// An admin unit as the store addresses it, opaque to the analysis (valid for one snapshot).
public struct UnitReference: Sendable, Hashable {
    /// The unit's row id in the snapshot it came from.
    package let rowID: Int64

    package init(rowID: Int64) { self.rowID = rowID }
}

extension ReadSnapshot {
    /// The units of one vintage and level with their references, ordered by code (the order of
    /// `adminUnits(vintage:level:)`).
    public func unitReferences(vintage: String, level: AdminLevel = .commune) throws -> [(
        code: String, unit: UnitReference
    )] {
        try store.wrap {
            try db.rows(
                "SELECT id, code FROM admin_units WHERE vintage = ? AND level = ? ORDER BY vintage, code",
                [vintage, level.rawValue]
            ) { (code: $0.text(1) ?? "", unit: UnitReference(rowID: $0.int(0))) }
        }
    }
}
