import CoverageStore
import Foundation

extension StoredRun {
    /// The rows the store keeps for `result`: every measure of the province and the units (all
    /// operators, then each operator), the gap clusters and the uncovered-area polygons; with
    /// `units`, the unit rows of only those positions of `result.units` (and the province's).
    init(
        _ result: CoverageResult, parameters: CoverageParameters, toolVersion: String, gapClusters: [GapCluster],
        gapAreas: [StoredGapArea], units only: [Int]? = nil
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rows: [StoredUnitRow] = []
        for u in [result.province] + (only.map { $0.map { result.units[$0] } } ?? result.units) {
            for (key, f) in u.coverage.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let measure = key.rawValue
                rows.append(
                    StoredUnitRow(
                        level: u.level, code: u.code, name: u.name, measure: measure, operatorName: "",
                        locations: u.locations, locationsCovered: f.locations, households: u.households,
                        householdsCovered: f.households, persons: u.persons, personsCovered: f.persons,
                        householdShare: f.householdShare, personShare: f.personShare, areaShare: f.areaShare))
                for (op, o) in (f.operators ?? [:]).sorted(by: { $0.key < $1.key }) {
                    rows.append(
                        StoredUnitRow(
                            level: u.level, code: u.code, name: u.name, measure: measure, operatorName: op,
                            locations: u.locations, locationsCovered: o.locations, households: u.households,
                            householdsCovered: o.households, persons: u.persons, personsCovered: o.persons,
                            householdShare: o.householdShare, personShare: o.personShare, areaShare: o.areaShare))
                }
            }
        }
        self.init(
            parametersJSON: String(decoding: try encoder.encode(parameters), as: UTF8.self), toolVersion: toolVersion,
            gapMeasure: result.parameters.gapTechnology.rawValue, unitRows: rows,
            gapClusters: gapClusters.map {
                StoredGapCluster(
                    unitCode: $0.unitCode, locations: $0.locations, households: $0.households, persons: $0.persons,
                    radiusM: $0.radiusM, lon: $0.lon, lat: $0.lat)
            }, gapAreas: gapAreas)
    }
}
