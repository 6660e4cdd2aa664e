import CoverageModel

/// The notes and warnings of a run: the inputs', locations outside every unit, measures without data.
enum RunNotes {
    /// The run's notes and warnings: the inputs', locations outside every unit, measures without data.
    static func notesAndWarnings(
        parameters: CoverageParameters, inputs: AnalysisInputs, output: LocationPassOutput,
        unavailable: [Measure: String]
    ) -> (notes: [String], warnings: [String]) {
        var notes = inputs.notes
        var warnings = inputs.warnings
        if output.outsideLocations > 0 {
            notes.append(
                "\(output.outsideLocations) locations (\(output.outsideHouseholds) households) lie outside every unit of vintage \(inputs.vintage)"
            )
        }
        for (key, why) in unavailable.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where parameters.technologies.contains(key) {
            let message = "\(key.rawValue): \(why) — reported as not available, not as 0% covered"
            notes.append(message)
            if inputs.warnings.isEmpty || parameters.operatorName == nil { warnings.append(message) }
        }
        return (notes, warnings)
    }
}
