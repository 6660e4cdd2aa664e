import ArgumentParser
import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit report`: the hand-over folder (HTML with maps, Markdown, CSV, JSON, GeoJSON, manifest).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained report folder: HTML with maps, Markdown, CSV, JSON, GeoJSON and a manifest.",
        discussion: """
            Runs the coverage analysis once (stored as the latest run), audits --claims if given, analyses the \
            measurements when the store holds any (an evidence section, evidence.csv, challenge_candidates.geojson \
            and the challenge layers of report.gpkg), and writes \
            report.html (offline: inline CSS, SVG maps and script, no external resources; readable without \
            JavaScript, on a phone and printed on A4), report.md, operators.csv, \
            communes.csv, coverage.json, communes.geojson, gap_clusters.geojson, gap_areas.geojson, \
            routes.geojson and manifest.json (tool version, parameters, SHA-256 of every input dataset and \
            output file). Existing outputs are kept unless --overwrite; the files are written under temporary \
            names and renamed into place together when complete (manifest last); links, folders, devices, FIFOs \
            and sockets at an output's name are refused, and --out may not be / or the home folder. Exit code 0 even when claims fail \
            (the verdicts are in the report; use covaudit audit for a failing exit code).
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The output folder.") var out: String
    @Option(help: "A claims file to audit (JSON, see docs/CLAIMS.md).") var claims: String?
    @Flag(help: "Replace existing output files.") var overwrite = false
    @Option(help: "Language of labels and headings: en or vi (names stay as recorded).") var lang: ReportLanguage = .en
    @Option(
        name: .customLong("map-tech"), help: "Measure of the household coverage map (default broadband).",
        transform: { text in
            guard let k = Measure(lenient: text) else { throw ValidationError("unknown measure '\(text)'") }
            return k
        })
    var mapTech: Measure = .broadband
    @OptionGroup var map: MapOptions
    @OptionGroup var coverage: CoverageOptions
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func run() throws {
        _ = try ReportRun(
            storePath: store.storePath, out: out, claims: claims, overwrite: overwrite, language: lang,
            mapTechnology: mapTech,
            breaks: map.breaks, parameters: coverage.parameters(), quiet: quiet,
            command: ["covaudit"] + Array(CommandLine.arguments.dropFirst())
        ).execute()
    }
}

/// The report pipeline, shared by `report` and `demo`.
struct ReportRun {
    var storePath: String
    var out: String
    var claims: String?
    var overwrite: Bool
    var language: ReportLanguage
    var mapTechnology: Measure
    var breaks: [Double] = MapPalette.defaultBreaks
    var parameters: CoverageParameters
    var quiet: Bool
    var command: [String]

    /// Runs the analysis and the audit, writes the folder; returns the audit (nil without claims).
    func execute() throws -> AuditReport? {
        let started = Date()
        let folder = ReportFolder(directory: URL(fileURLWithPath: out), overwrite: overwrite)
        do {
            try folder.check()  // before the analysis: refusals come first
        } catch let error as ReportError {
            throw CommandFailure(message: error.message)
        }
        GeoPackageExport.preload()  // report.gpkg needs GDAL: open it while the run is read
        let claimSet: ClaimSet?
        do {
            claimSet = try claims.map { try ClaimSet.load(path: $0) }
        } catch let error as ClaimError {
            throw CommandFailure(message: error.message)
        }
        let opened = try Store.open(at: storePath)
        var parameters = parameters
        parameters.gapAreas = parameters.computeAreas  // the report maps them (gap_areas.geojson)
        parameters.operatorAreas = parameters.computeAreas  // the per-operator tables and columns
        var analyzer = CoverageAnalyzer(store: opened, parameters: parameters)
        let locations = LocationPassCache()
        analyzer.locationCache = locations
        // The latest stored run, when current, gives the figures (D33's what-if path with nothing added).
        analyzer.whatIf = true
        analyzer.toolVersion = "covaudit \(CovauditVersion.current)"
        if !quiet { analyzer.progress = { Diagnostics.progress("report: coverage: \($0)", language) } }
        // Input layers only: the analysis (which may write its run) changes none of these counts.
        let inventory = try opened.inventory(scanningHouseholds: false)  // no totals or extent in the report
        let measured = inventory.counts[Layer.measurements.rawValue] ?? 0 > 0
        if measured && !quiet { Diagnostics.progress("report: analysing the measurements", language) }
        // The evidence analysis needs no coverage result: it runs beside the coverage analysis on its own
        // read-only connection, for the vintage the analysis resolves alike (`ReportEvidenceJob`).
        let (early, result) = try ParallelChunks.beside(
            ReportEvidenceJob(storePath: storePath, vintage: parameters.vintage, measured: measured).run,
            { try analyzer.run() })
        for w in result.warnings { Diagnostics.warning(AuditWording.text(w, language)) }
        let evidence = try ReportEvidenceJob.settle(early, store: opened, vintage: result.parameters.vintage)
        var inputs = ReportInputs(
            result: result, audit: nil, inventory: inventory,
            storeName: (storePath as NSString).lastPathComponent, toolVersion: CovauditVersion.current,
            mapTechnology: mapTechnology, language: language)
        inputs.breaks = breaks
        inputs.sitesByOperator = Dictionary(try opened.sites().map { ($0.operatorName, 1) }, uniquingKeysWith: +)
        inputs.evidence = evidence
        var audit: AuditReport?
        let recorded = Reproducibility.command(
            command, outputFolder: out, pathOptions: Reproducibility.reportPathOptions)
        do {
            // The audit runs while the folder's files that do not show it are encoded on a second thread.
            try folder.write(
                inputs,
                audit: {
                    guard let claimSet else { return nil }
                    var auditor = try Auditor(store: opened, base: parameters, baseResult: result)
                    auditor.locationCache = locations
                    if !quiet { auditor.progress = { Diagnostics.progress("report: \($0)", language) } }
                    auditor.evidence = evidence?.result  // the same analysis the evidence section shows
                    audit = try auditor.audit(claimSet)
                    return audit
                }, store: opened, claimsFile: claims, generatedAt: try Reproducibility.timestamp(),
                command: recorded)
        } catch let error as ReportError {
            throw CommandFailure(message: error.message)
        }
        let seconds = Formatting.fixed(Date().timeIntervalSince(started), 1)
        Diagnostics.progress(
            "report: wrote \(ReportBuilder.folderFiles(evidence: inputs.evidence != nil).count) files to \(out) in \(seconds) s",
            language, quiet: quiet)
        return audit
    }
}
