import ArgumentParser
import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

extension Grouping: ExpressibleByArgument {}

/// Output formats of `covaudit coverage`.
enum CoverageFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, geojson
}

/// Parses a comma-separated list of measures (2G, 3G, 4G, 5G, 4G+, fibre, broadband).
private func measureList(_ text: String) throws -> [Measure] {
    try text.split(separator: ",").map {
        guard let k = Measure(lenient: String($0)) else {
            throw ValidationError("unknown measure '\($0)'; use 2G, 3G, 4G, 5G, 4G+, fibre, broadband")
        }
        return k
    }
}

/// Coverage analysis options shared by `coverage`, `audit` and `report`.
struct CoverageOptions: ParsableArguments {
    @Option(help: "Admin vintage of the units (default: the most recently imported communes).") var vintage: String?
    @Option(
        help: "Measures, comma-separated: 2G,3G,4G,5G,4G+,fibre,broadband (default: all).",
        transform: measureList)
    var tech: [Measure]?
    @Option(name: .customLong("operator"), help: "Only this operator's coverage and fibre.") var operatorName: String?
    @Option(name: .customLong("fibre-distance"), help: "Fibre drop distance in metres (default 500).")
    var fibreDistance: Double = 500
    @Flag(name: .customLong("include-planned"), help: "Count planned fibre routes and nodes.") var includePlanned =
        false
    @Option(
        name: .customLong("hamlet-rule"), help: "any, share>=X (e.g. share>=0.8 or share>=80%), or centroid.",
        transform: { text in
            guard let r = HamletRule(parsing: text) else {
                throw ValidationError("--hamlet-rule takes any, centroid or share>=X with 0 < X ≤ 1")
            }
            return r
        })
    var hamletRule: HamletRule = .any
    @Option(
        name: .customLong("broadband-minimum"), help: "Weakest mobile generation counted as broadband (default 3G).")
    var broadbandMinimum: Technology = .g3
    @Option(
        name: .customLong("gap-tech"), help: "Measure whose gaps are clustered and mapped (default broadband).",
        transform: { text in
            guard let k = Measure(lenient: text) else { throw ValidationError("unknown measure '\(text)'") }
            return k
        })
    var gapTech: Measure = .broadband
    @Option(name: .customLong("gap-link"), help: "Uncovered locations closer than this (m) form one gap cluster.")
    var gapLink: Double = 500
    @Flag(name: .customLong("no-areas"), help: "Skip the area shares (and the uncovered-area polygons).") var noAreas =
        false
    @Option(
        name: .customLong("area-tech"),
        help: "Measures that get an area share, comma-separated (default: every measure of --tech).",
        transform: measureList)
    var areaTech: [Measure]?
    @Flag(
        name: .customLong("gap-areas"),
        help: "Also compute the uncovered-area polygons of --gap-tech per unit (GEOS; slower; report always does).")
    var gapAreas = false
    @Option(name: .customLong("min-evidence"), help: "Institutions: weakest evidence counted as connected.")
    var minEvidence: EvidenceGrade = .declared
    @Option(name: .customLong("min-speed"), help: "Institutions: require a measured speed ≥ this (Mbps).")
    var minSpeed: Double?
    @Flag(name: .customLong("no-location-results"), help: "Do not store per-location results.") var noLocationResults =
        false

    func validate() throws {
        guard fibreDistance >= 0, fibreDistance <= 50_000 else {
            throw ValidationError("--fibre-distance must be between 0 and 50000 metres")
        }
        guard gapLink > 0, gapLink.isFinite else {
            throw ValidationError("--gap-link must be a positive number of metres")
        }
        if let minSpeed, !(minSpeed.isFinite && minSpeed >= 0) {
            throw ValidationError("--min-speed must be a finite number of Mbps ≥ 0, got \(minSpeed)")
        }
    }

    /// The analysis parameters these options describe.
    func parameters(grouping: Grouping = .commune) -> CoverageParameters {
        var p = CoverageParameters()
        p.vintage = vintage
        p.grouping = grouping
        if let tech { p.technologies = tech }
        p.operatorName = operatorName
        p.fibreDistanceMetres = fibreDistance
        p.includePlanned = includePlanned
        p.hamletRule = hamletRule
        p.broadbandMinimum = broadbandMinimum
        p.gapTechnology = gapTech
        p.gapLinkMetres = gapLink
        p.computeAreas = !noAreas
        p.gapAreas = gapAreas && !noAreas
        p.areaTechnologies = areaTech
        p.minimumEvidence = minEvidence
        p.minimumSpeedMbps = minSpeed
        p.storeLocationResults = !noLocationResults
        return p
    }
}

/// `covaudit coverage`: household, person, hamlet and area coverage per unit.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Compute household, person, hamlet and area coverage, fibre reach, institutions and gaps.",
        discussion: """
            A location is covered by a generation when it lies inside (boundary inclusive) a coverage area
            of that generation of any operator (or of --operator). 4G+ = 4G ∪ 5G. Fibre reach: within
            --fibre-distance of an active fibre route or node (straight line; the route-network distance
            from the nearest node is reported too). Broadband = fibre reach or 3G+ (--broadband-minimum).
            Area shares are ellipsoidal, integrated along parallels (exact for polygons; fibre reach with exact
            circles, lines 10 m apart). Results are also stored in the tables unit_coverage, location_coverage
            (a view over location_results), gap_clusters and, with --gap-areas, gap_areas (latest run only).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var coverage: CoverageOptions
    @Option(help: "Report per province, commune or hamlet.") var by: Grouping = .commune
    @Option(name: [.short, .customLong("format")], help: "table, csv, json or geojson.") var format: CoverageFormat =
        .table
    @Option(help: "Language of the table's labels, numbers and warnings: en or vi.") var lang: ReportLanguage = .en
    @Flag(
        name: .customLong("operator-areas"),
        help: "Also compute each operator's area share per mobile measure of --area-tech (report always does).")
    var operatorAreas = false
    @Flag(help: "CSV: start with a UTF-8 byte order mark so that Excel reads Vietnamese names correctly.")
    var excel = false
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false
    @Flag(
        help: """
            Compute every location even when only coverage areas (or sites, or routes and nodes not counted) were \
            imported since the stored run, which is otherwise updated for the locations they touch.
            """)
    var full = false
    @Flag(help: "Print each stage's wall seconds on stderr (load, index, classify, areas, write…).")
    var timings = false

    func run() throws {
        let opened = try Store.open(at: store.storePath)
        var analyzer = CoverageAnalyzer(store: opened, parameters: coverage.parameters(grouping: by))
        if full {
            if let change = try opened.changesSinceLatestRun()?.summary {
                Diagnostics.progress("coverage: \(change); computing every location", lang, quiet: quiet)
            }
        } else {
            analyzer.whatIf = true
            analyzer.onWhatIf = { Diagnostics.progress("coverage: \($0)", lang, quiet: quiet) }
        }
        if timings { analyzer.onStage = { Diagnostics.note("coverage: stage \($0) \(String(format: "%.3f", $1)) s") } }
        analyzer.toolVersion = "covaudit \(CovauditVersion.current)"
        analyzer.parameters.operatorAreas = operatorAreas
        if !quiet { analyzer.progress = { Diagnostics.progress("coverage: \($0)", lang) } }
        let prepared = CoverageOutputWhileStoring(format: format, grouping: by, language: lang, excel: excel)
        if !full, let prepared { analyzer.whileStoring = { prepared.encode($0) } }
        let result = try analyzer.run()
        for w in result.warnings { Diagnostics.warning(AuditWording.text(w, lang)) }
        if try prepared?.write(runID: result.runID) == true { return }
        switch format {
        case .table: printText(CoverageTable.render(result, language: lang), terminator: "")
        case .json: try CoverageJSONWriter.write(result, to: try ByteSink(path: nil))
        case .csv:
            try CoverageCSV.write(result, to: try ByteSink(path: nil), excel: excel)
        case .geojson:
            let geometries = try unitGeometries(opened, result: result)
            try CoverageGeoJSON.write(result, geometries: geometries, to: try ByteSink(path: nil))
        }
    }

    private func unitGeometries(_ store: Store, result: CoverageResult) throws -> [String: Geometry] {
        if by == .hamlet {
            return Dictionary(
                try store.hamlets().map { ($0.code, $0.area ?? .point($0.point)) }, uniquingKeysWith: { a, _ in a })
        }
        return Dictionary(
            try store.adminUnits(vintage: result.parameters.vintage, level: .commune).map { ($0.code, $0.geometry) },
            uniquingKeysWith: { a, _ in a })
    }
}
