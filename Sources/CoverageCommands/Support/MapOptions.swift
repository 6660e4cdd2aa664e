import ArgumentParser
import CoverageReport

/// The map options shared by `report` and `demo`.
struct MapOptions: ParsableArguments {
    @Option(
        help: "Class breaks of the maps in percent, comma-separated (default 50,80,90,95,99).",
        transform: { text in
            guard let b = MapPalette.parseBreaks(text) else {
                throw ValidationError("--breaks takes percentages between 0 and 100, e.g. 50,80,90,95,99")
            }
            return b
        })
    var breaks: [Double] = MapPalette.defaultBreaks
}
