import CoverageModel
import CoverageStore
import Foundation

/// The latest stored run when it is current: nothing it read has changed since (no dataset added
/// or removed, the rows it read unchanged) and it kept a what-if state of this build, so its
/// tallies, gap points and area shares are those a full run on the snapshot would compute.
struct CurrentRun {
    let latest: LatestRunState
    let state: RunState
    /// The parameters the run was stored with.
    let parameters: CoverageParameters

    /// The latest run of `snapshot` when it is current, else nil (the checks of a what-if run, D33,
    /// with nothing added).
    static func find(_ snapshot: ReadSnapshot) throws -> CurrentRun? {
        guard let latest = try snapshot.latestRunState() else { return nil }
        let changes = latest.changes
        guard changes.inputsRecorded, changes.added.isEmpty, changes.removed.isEmpty,
            let parameters = try? JSONDecoder().decode(
                CoverageParameters.self, from: Data(latest.parametersJSON.utf8)),
            let state = RunState(latest.parts),
            try snapshot.inputMarks(excluding: []) == state.inputMarks
        else { return nil }
        return CurrentRun(latest: latest, state: state, parameters: parameters)
    }

    /// The run's parameters as `CoverageAlternatives` normalises a parameter set (nothing stored, no
    /// polygons or per-operator areas: they change no tally or all-operator share), its vintage
    /// resolved to `vintage` when it named none.
    func normalisedParameters(vintage: String) -> CoverageParameters {
        var p = CoverageAlternatives.normalised(parameters)
        p.grouping = .commune
        if p.vintage == nil { p.vintage = vintage }
        return p
    }
}

extension RunState {
    /// Whether the state describes `inputs` under `parameters`: the same operators, units and
    /// hamlets in the same order, the tallies' shapes and one area-share row per unit.
    func fits(_ inputs: AnalysisInputs, parameters: CoverageParameters) -> Bool {
        inputs.operators == operators && inputs.units.map(\.code) == unitCodes
            && units.entities == inputs.units.count && hamlets.entities == inputs.hamlets.count
            && units.measures == parameters.technologies.count && units.operators == inputs.operators.count
            && areaShares.count == inputs.units.count && unitFacts.count == inputs.units.count
            && institutionReach.count == InstitutionKind.allCases.count
    }

    /// The location pass's output the state keeps (no per-location rows).
    var passOutput: LocationPassOutput {
        LocationPassOutput(
            units: units, hamlets: hamlets, outsideRowIDs: outsideRowIDs, outsideLocations: outsideLocations,
            outsideHouseholds: outsideHouseholds, gaps: gaps, cells: cells)
    }

    /// The stored area shares per unit for `parameters.areaMeasures` (empty when areas are off).
    func areaFigures(_ parameters: CoverageParameters) -> UnitAreaFigures {
        var out = UnitAreaFigures(count: areaShares.count)
        guard parameters.computeAreas else { return out }
        let keys = parameters.areaMeasures
        out.shares = areaShares.map { shares in
            var unit = [Measure: Double](minimumCapacity: keys.count)
            for (key, share) in zip(keys, shares) { unit[key] = share }
            return unit
        }
        return out
    }
}
