import ArgumentParser
import CoverageAnalysis
import CoverageAudit
import CoverageReport
import CoverageStore
import Foundation

/// Output formats of `covaudit audit`.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown
}

extension ReportLanguage: ExpressibleByArgument {}

/// `covaudit audit`: checks published claims against the store.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check published coverage claims (a JSON claims file) against the store.",
        discussion: """
            For each claim: the measured value, the verdict (holds / does not hold / cannot be evaluated, \
            naming the missing layer), the margin in percentage points, the communes or institutions that \
            fall short, and the value under the other reasonable definitions (households, persons, area, \
            hamlets under each hamlet rule, straight-line vs route-network fibre reach, with or without \
            planned routes). Nothing is written to the store. See docs/CLAIMS.md for the file format.
            When the store holds measurements, the evidence analysis (as `covaudit evidence`) runs first: unit \
            claims get the share of households in declared coverage where the tests confirm service (with a \
            conservative interval), institution claims the share whose probes confirm it, and download claims \
            (median or 10th-percentile Mbps per commune) can be judged; when too few or stale tests leave the \
            answer open, the verdict is "evidence too thin". --no-evidence skips it.
            Exit codes: 0 every claim holds, 3 at least one does not hold, cannot be evaluated or has evidence \
            too thin, 1 error, 64 bad usage.
            """)

    @Argument(help: "The claims file (JSON, see docs/CLAIMS.md).") var claims: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var coverage: CoverageOptions
    @Option(name: [.short, .customLong("format")], help: "table, json or markdown.") var format: AuditFormat = .table
    @Option(help: "Language of labels and headings: en or vi.") var lang: ReportLanguage = .en
    @Option(
        help:
            "Evidence: end of the validity window, YYYY-MM-DD (the window ends at the end of that day; default: the newest test)."
    )
    var asOf: String?
    @Option(help: "Evidence: fewest valid tests a commune, institution or cell needs.") var minTests: Int?
    @Flag(help: "Do not use the store's measurements (no evidence alternatives; download claims cannot be evaluated).")
    var noEvidence = false
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if let asOf, EvidenceCommand.endOfDay(asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD")
        }
        if let minTests, minTests < 1 { throw ValidationError("--min-tests must be at least 1") }
    }

    func run() throws {
        let set: ClaimSet
        do {
            set = try ClaimSet.load(path: claims)
        } catch let error as ClaimError {
            throw CommandFailure(message: error.message)
        }
        let opened = try Store.open(at: store.storePath, readOnly: true)
        var auditor = try Auditor(store: opened, base: coverage.parameters())
        if !quiet { auditor.progress = { Diagnostics.progress($0, lang) } }
        if noEvidence {
            auditor.evidenceMissing = "measurements were not used (--no-evidence)"
        } else {
            auditor.evidence = try AuditEvidence.result(
                opened, vintage: auditor.base.vintage, asOf: asOf, minTests: minTests, progress: auditor.progress)
        }
        let report = try auditor.audit(set)
        for w in auditor.warnings { Diagnostics.warning(AuditWording.text(w, lang)) }
        switch format {
        case .table: printText(AuditText.render(report, language: lang), terminator: "")
        case .markdown: printText(AuditMarkdown.render(report, language: lang), terminator: "")
        case .json: print(try ReportJSON.encode(report))
        }
        if !report.allHold { throw ExitCode(3) }
    }
}

/// The measured evidence an audit weighs claims with (`audit`, and the claims of `report`).
enum AuditEvidence {
    /// The evidence analysis of the store's measurements (as `covaudit evidence` with `asOf` and
    /// `minTests`), or nil when the store holds none.
    static func result(
        _ store: Store, vintage: String?, asOf: String? = nil, minTests: Int? = nil,
        progress: ((String) -> Void)? = nil
    ) throws -> EvidenceResult? {
        guard try storeHoldsMeasurements(store) else { return nil }
        progress?("audit: evidence from the measurements")
        var parameters = EvidenceParameters()
        if let minTests { parameters.minimumTestsPerCell = minTests }
        var run = EvidenceRun(store: store, parameters: parameters)
        run.vintage = vintage
        run.asOf = asOf.flatMap(EvidenceCommand.endOfDay)
        return try run.run().result
    }

    /// True when the store holds at least one measurement.
    static func storeHoldsMeasurements(_ store: Store) throws -> Bool {
        try store.wrap {
            let snapshot = try store.readSnapshot()
            defer { snapshot.end() }
            return try snapshot.measurementIDSpan() != nil
        }
    }
}
