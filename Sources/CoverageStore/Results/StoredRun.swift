import CoverageModel

/// What a coverage run stores besides its per-location rows, as plain rows of the result tables.
///
/// The analysis turns its figures into this record; the store writes it (`ResultsSink`). A second
/// backend would store the same rows.
package struct StoredRun: Sendable {
    /// The run's parameters as JSON (the analysis encodes them; the export reads the vintage from it).
    package var parametersJSON: String
    package var toolVersion: String
    /// The measure whose gaps the clusters and areas describe.
    package var gapMeasure: String
    package var unitRows: [StoredUnitRow]
    package var gapClusters: [StoredGapCluster]
    package var gapAreas: [StoredGapArea]
    /// The datasets the run was computed from (read in the run's snapshot).
    package var inputs: [DatasetFingerprint]
    /// Named BLOBs the analysis keeps for a later what-if run (`coverage_run_state`).
    package var state: [String: [UInt8]] = [:]

    package init(
        parametersJSON: String, toolVersion: String, gapMeasure: String, unitRows: [StoredUnitRow],
        gapClusters: [StoredGapCluster], gapAreas: [StoredGapArea], inputs: [DatasetFingerprint] = []
    ) {
        self.parametersJSON = parametersJSON
        self.toolVersion = toolVersion
        self.gapMeasure = gapMeasure
        self.unitRows = unitRows
        self.gapClusters = gapClusters
        self.gapAreas = gapAreas
        self.inputs = inputs
    }
}

/// One row of `unit_coverage`: a unit's figures for one measure, for all operators ("") or one.
package struct StoredUnitRow: Sendable {
    package var level: String
    package var code: String
    package var name: String
    package var measure: String
    package var operatorName: String
    package var locations: Int
    package var locationsCovered: Int
    package var households: Int
    package var householdsCovered: Int
    package var persons: Int
    package var personsCovered: Int
    package var householdShare: Double?
    package var personShare: Double?
    package var areaShare: Double?

    package init(
        level: String, code: String, name: String, measure: String, operatorName: String, locations: Int,
        locationsCovered: Int, households: Int, householdsCovered: Int, persons: Int, personsCovered: Int,
        householdShare: Double?, personShare: Double?, areaShare: Double?
    ) {
        self.level = level
        self.code = code
        self.name = name
        self.measure = measure
        self.operatorName = operatorName
        self.locations = locations
        self.locationsCovered = locationsCovered
        self.households = households
        self.householdsCovered = householdsCovered
        self.persons = persons
        self.personsCovered = personsCovered
        self.householdShare = householdShare
        self.personShare = personShare
        self.areaShare = areaShare
    }
}

/// One row of `gap_clusters`: uncovered locations grouped around a point.
package struct StoredGapCluster: Sendable {
    /// Nil when the cluster lies outside every unit.
    package var unitCode: String?
    package var locations: Int
    package var households: Int
    package var persons: Int
    package var radiusM: Double
    package var lon: Double
    package var lat: Double

    package init(
        unitCode: String?, locations: Int, households: Int, persons: Int, radiusM: Double, lon: Double, lat: Double
    ) {
        self.unitCode = unitCode
        self.locations = locations
        self.households = households
        self.persons = persons
        self.radiusM = radiusM
        self.lon = lon
        self.lat = lat
    }
}

/// One row of `gap_areas`: the uncovered part of a unit (WKB, SRID 4326), its area and share.
package struct StoredGapArea: Sendable {
    package let unitCode: String
    package let wkb: [UInt8]
    package let km2: Double
    package let share: Double

    package init(unitCode: String, wkb: [UInt8], km2: Double, share: Double) {
        self.unitCode = unitCode
        self.wkb = wkb
        self.km2 = km2
        self.share = share
    }
}
