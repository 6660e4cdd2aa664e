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
            Exit codes: 0 every claim holds, 3 at least one does not hold or cannot be evaluated, \
            1 error, 64 bad usage.
            """)

    @Argument(help: "The claims file (JSON, see docs/CLAIMS.md).") var claims: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var coverage: CoverageOptions
    @Option(name: [.short, .customLong("format")], help: "table, json or markdown.") var format: AuditFormat = .table
    @Option(help: "Language of labels and headings: en or vi.") var lang: ReportLanguage = .en
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

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
