import CoverageTestSupport
import Foundation
import Testing

/// CSV for Excel (UTF-8 byte order mark) and command messages in both languages.
@Suite struct CSVExcelTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `coverage -f csv` adds the byte order mark only with --excel (stdout is piped into other tools).
    @Test(arguments: [([String](), false), (["--excel"], true)])
    func coverageCSVHasABOMOnlyWithExcel(extra: [String], bom: Bool) throws {
        let (_, store) = try FictionalStores.sparseStore()
        let run = try ProcessRunner.run(
            try CovauditBinary.path(), ["coverage", "--db", store.path, "-f", "csv", "-q", "--no-areas"] + extra)
        #expect(run.status == 0)
        #expect(Array(run.stdout.utf8.prefix(3)) == Self.bom || !bom)
        #expect(run.stdout.hasPrefix("\u{FEFF}level,code") == bom)
    }

    /// The report folder's CSV files start with the byte order mark (handed to people who open them in Excel).
    @Test func reportCSVFilesOpenInExcel() throws {
        let (out, _) = try ReportFolderTests.writeDemoReport()
        for file in ["communes.csv", "operators.csv"] {
            let bytes = try Data(contentsOf: out.appendingPathComponent(file))
            #expect(Array(bytes.prefix(3)) == Self.bom, "\(file)")
        }
        let operators = try String(contentsOf: out.appendingPathComponent("operators.csv"), encoding: .utf8)
        #expect(operators.contains("commune,10030,Xã Minh Lương,4G,Viettel,"))
    }

    /// Warnings and the table speak the chosen language, numbers included.
    @Test(arguments: [
        (
            "en", "covaudit: warning: no coverage for operator 'Vietel'; known operators: MobiFone, Viettel, VNPT",
            "4,000"
        ),
        (
            "vi",
            "covaudit: warning: không có vùng phủ của nhà mạng 'Vietel'; các nhà mạng đã biết: MobiFone, Viettel, VNPT",
            "4.000"
        ),
    ])
    func coverageMessagesInTheChosenLanguage(lang: String, warning: String, households: String) throws {
        let (_, store) = try FictionalStores.demoStore()
        let run = try ProcessRunner.run(
            try CovauditBinary.path(),
            [
                "coverage", "--db", store.path, "--operator", "Vietel", "--lang", lang, "-q", "--no-areas", "--by",
                "province",
            ])
        #expect(run.status == 0)
        #expect(run.stderr.contains(warning), "\(run.stderr)")
        #expect(run.stdout.contains(households), "\(run.stdout.prefix(600))")
    }
}
