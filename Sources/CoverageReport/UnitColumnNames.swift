import CoverageAnalysis

/// The names of a run's per-measure and per-operator columns (``UnitColumns``), made once for every
/// unit of the run instead of once a unit.
public struct UnitColumnNames: Sendable {
    /// One measure's column names.
    public struct MeasureNames: Sendable {
        /// The measure.
        public var key: Measure
        /// `<prefix>_available`, `_households`, `_household_share`, `_persons`, `_person_share`,
        /// `_area_share`, `_hamlet_share`.
        public var available, households, householdShare, persons, personShare, areaShare, hamletShare: String
        /// `<prefix>_households_multi_operator` for mobile measures when the run has operators.
        public var multiOperator: String?
        /// Each operator's columns, in the run's operator order (empty unless `multiOperator`).
        public var operators: [OperatorNames]
    }

    /// One operator's column names under a measure.
    public struct OperatorNames: Sendable {
        /// `<prefix>_op_<slug>_households`, `_household_share`, `_area_share`.
        public var households, householdShare, areaShare: String
    }

    /// The run's measures, in its order.
    public let measures: [MeasureNames]
    /// The run's operators, in its order.
    public let operators: [String]
    /// The number of columns of a unit.
    public let count: Int

    /// The names for `measures` and `operators` (operator names made column parts by
    /// ``UnitColumns/slug(_:)``, once each).
    public init(measures: [Measure], operators: [String]) {
        self.operators = operators
        let slugs = operators.map(UnitColumns.slug)
        self.measures = measures.map { key in
            let p = UnitColumns.columnPrefix(key)
            let mobile = (key.generation != nil || key == .g4plus) && !operators.isEmpty
            return MeasureNames(
                key: key, available: "\(p)_available", households: "\(p)_households",
                householdShare: "\(p)_household_share", persons: "\(p)_persons", personShare: "\(p)_person_share",
                areaShare: "\(p)_area_share", hamletShare: "\(p)_hamlet_share",
                multiOperator: mobile ? "\(p)_households_multi_operator" : nil,
                operators: mobile
                    ? slugs.map {
                        OperatorNames(
                            households: "\(p)_op_\($0)_households", householdShare: "\(p)_op_\($0)_household_share",
                            areaShare: "\(p)_op_\($0)_area_share")
                    } : [])
        }
        count =
            14
            + self.measures.reduce(0) {
                $0 + 7 + ($1.key == .fibre ? 1 : 0) + ($1.multiOperator == nil ? 0 : 1 + 3 * $1.operators.count)
            }
    }
}
