import CoverageModel
import CoverageStore

extension AnalysisInputs {
    /// The inputs of a what-if run whose change lies in `boxes` (issue 18): every row of every
    /// layer, as a full run reads them, but only the geometry the run uses.
    ///
    /// The communes keep their geometry only when their box meets a change box: only those can hold
    /// a changed location (a point is inside a polygon only inside its box) or have their area
    /// shares computed again; the others are never looked at, their facts and shares coming from the
    /// stored run. With no change box (nothing added) no location and no area is computed, so the
    /// coverage areas and routes keep no geometry either (their rows still give the operators,
    /// generations and counts the figures and notes name). Every other case reads what a full run
    /// reads: `allGeometry` (a figure computed over every unit), the centroid hamlet rule (it
    /// classifies every hamlet's point), a hamlet not named to a commune (placed by position), or a
    /// counted network node (counted per commune by position).
    static func whatIf(
        from snapshot: ReadSnapshot, parameters: CoverageParameters, boxes: [BoundingBox], allGeometry: Bool
    ) throws -> AnalysisInputs {
        guard !allGeometry, parameters.hamletRule != .centroid else {
            return try load(from: snapshot, parameters: parameters)
        }
        let read = try read(
            from: snapshot, vintage: parameters.vintage, units: .meeting(boxes),
            layers: boxes.isEmpty ? .meeting([]) : .all)
        let inputs = derive(read, parameters: parameters)
        let codes = Set(inputs.units.map(\.code))
        guard inputs.fibreNodes.isEmpty, inputs.hamlets.allSatisfy({ $0.communeCode.map(codes.contains) ?? false })
        else { return try load(from: snapshot, parameters: parameters) }
        return inputs
    }
}
