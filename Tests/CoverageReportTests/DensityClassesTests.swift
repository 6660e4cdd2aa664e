import Testing

@testable import CoverageReport

/// The density map's legend reads in round numbers: quintile breaks rounded to 1, 2 or 5 × 10ⁿ.
@Suite struct DensityClassesTests {
    @Test(arguments: [
        (0.13, 0.1), (0.15, 0.2), (0.9, 1.0), (1.41, 1.0), (1.42, 2.0), (3.1, 2.0), (3.2, 5.0), (7.0, 5.0),
        (7.1, 10.0), (42.0, 50.0), (0.0042, 0.005),
    ])
    func niceRoundsOnALogScale(value: Double, nice: Double) {
        #expect(abs(DensityClasses.nice(value) - nice) < nice * 1e-12)
    }

    @Test func classesAreAscendingRoundAndLabelledWithTheUnit() {
        // Quintiles of 1…100 are 20.8, 40.6, 60.4, 80.2 → 20, 50, 50 (dropped), 100.
        let classes = DensityClasses.classes((1...100).map(Double.init), unit: "t/km²", numbers: ReportNumbers(.en))
        #expect(classes.map(\.lowerBound) == [0, 20, 50, 100])
        #expect(classes.map(\.label) == ["< 20 t/km²", "20–50 t/km²", "50–100 t/km²", "≥ 100 t/km²"])
        #expect(Set(classes.map(\.colour)).count == classes.count)
        #expect(DensityClasses.classes([0, 0], unit: "t/km²", numbers: ReportNumbers(.en)).map(\.label) == ["0 t/km²"])
    }
}
