import CoverageModel
import CoverageStore

extension AnalysisInputs {
    /// The inputs of a what-if run whose change lies in `boxes` (issue 18): the rows a full run
    /// reads, but of the coverage areas and routes only those the run uses (the counts of every row,
    /// `LayerTotals`, give the operators, generations and fibre notes).
    ///
    /// The communes keep their geometry only when their box meets a change box: only those can hold
    /// a changed location (a point is inside a polygon only inside its box) or have their area
    /// shares computed again; the others are never looked at, their facts and shares coming from the
    /// stored run. The coverage areas and routes keep theirs only near the change and those
    /// communes (`LayerScopes`), and only those rows are read (with the coverage areas from
    /// `firstAdded`, the first row of the added datasets, on, so the added areas end each
    /// generation's list exactly when they do among every row); with no change box (nothing added) no location and no area is
    /// computed, so none is read. Every other case reads what a full run reads:
    /// `allGeometry` (a figure computed over every unit), the centroid hamlet rule (it classifies
    /// every hamlet's point), a hamlet not named to a commune (placed by position), a counted network
    /// node (counted per commune by position), or a recomputed commune whose stored area chunk does
    /// not decode (`WhatIfAreas` then computes every commune of that chunk, wherever it lies).
    static func whatIf(
        from snapshot: ReadSnapshot, parameters: CoverageParameters, boxes: [BoundingBox], allGeometry: Bool,
        stored: RunState, firstAdded: Int64? = nil
    ) throws -> AnalysisInputs {
        guard !allGeometry, parameters.hamletRule != .centroid else {
            return try load(from: snapshot, parameters: parameters)
        }
        let (vintage, units) = try readUnits(from: snapshot, vintage: parameters.vintage, geometry: .meeting(boxes))
        guard let scopes = LayerScopes(change: boxes, units: units, parameters: parameters, stored: stored) else {
            return try load(from: snapshot, parameters: parameters)
        }
        let read = try snapshot.whatIfLayers(
            vintage: vintage, coverage: scopes.coverage, firstAdded: firstAdded, routes: scopes.routes)
        let inputs = derive(
            Read(vintage: vintage, units: units, layers: read.layers), parameters: parameters,
            counts: (read.coverageCounts, read.routeCounts))
        let codes = Set(inputs.units.map(\.code))
        guard inputs.fibreNodes.isEmpty, inputs.hamlets.allSatisfy({ $0.communeCode.map(codes.contains) ?? false })
        else { return try load(from: snapshot, parameters: parameters) }
        return inputs
    }
}

/// The coverage areas and routes whose geometry a what-if run reads: those it classifies the
/// changed locations with and those the area stage meets in the communes it computes again.
struct LayerScopes {
    /// The boxes of the coverage areas read: the change boxes and the recomputed communes' boxes.
    let coverage: [BoundingBox]
    /// The boxes of the routes read: those boxes grown by the drop distance; nil: every route (no
    /// stored fibre grid layout, or no finite drop distance).
    let routes: [BoundingBox]?

    /// The scopes of a change in `change` (nil: the area stage would compute a commune whose stored
    /// sums do not decode, so every commune's geometry is needed).
    ///
    /// Recomputed communes are those whose box meets a change box (as `whatIfRun` selects them); a
    /// polygon whose box misses every one of them and every change box is met by no location
    /// classified and no commune computed (`AreaShares` takes a commune's polygons by box, in
    /// polygon order). The routes are those `near(_:dropMetres:)` and `AreaShares`' segments keep
    /// (boxes grown by `BoundingBox.grown(byMetres:)`); the segment grid is then laid out from the
    /// stored run's layout of every segment (`RunState.fibreLayout`).
    init?(change: [BoundingBox], units: [AdminUnit], parameters: CoverageParameters, stored: RunState) {
        guard !change.isEmpty else {
            (coverage, routes) = ([], [])
            return
        }
        let changeSet = BoxSet(change)
        var recomputed: [BoundingBox] = []
        var checked = Set<Int>()
        for (u, unit) in units.enumerated() {
            guard let box = unit.geometry.boundingBox, changeSet.meetsAny(box) else { continue }
            let chunk = stored.areaBoxes.units(inChunkOf: u).lowerBound
            if parameters.computeAreas, checked.insert(chunk).inserted, stored.areaBoxes.chunk(of: u) == nil {
                return nil
            }
            recomputed.append(box)
        }
        let near = change + (parameters.computeAreas ? recomputed : [])
        coverage = near
        let metres = parameters.fibreDistanceMetres
        let segmentsLaidOut = !parameters.computeAreas || stored.fibreLayout != nil
        routes = segmentsLaidOut && metres.isFinite && metres >= 0 ? near.map { $0.grown(byMetres: metres) } : nil
    }
}
