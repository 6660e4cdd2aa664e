import CoverageTestSupport
import Foundation
import Testing

/// `report --breaks` and `audit --lang vi` through the built binary.
@Suite struct ReportOptionsTests {
    @Test(arguments: [
        ("50,90", ["&lt; 50%", "50–90%", "≥ 90%"]),
        ("25,50,75,99.5", ["&lt; 25%", "25–50%", "50–75%", "75–99.5%", "≥ 99.5%"]),
    ])
    func breaksSetTheMapClasses(breaks: String, labels: [String]) throws {
        let (dir, store) = try FictionalStores.demoStore()
        let out = dir.path("rep")
        let run = try ProcessRunner.run(
            try CovauditBinary.path(),
            ["report", "--db", store.path, "--out", out, "--breaks", breaks, "-q", "--no-areas"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        let legend = try #require(html.range(of: #"<ul class="legend">.*?</ul>"#, options: .regularExpression))
        let items = html[legend].components(separatedBy: "</i>").dropFirst().map {
            $0.components(separatedBy: "</li>")[0]
        }
        #expect(Array(items.prefix(labels.count)) == labels)
    }

    @Test(arguments: ["0,50", "50,abc", "100"])
    func badBreaksAreUsageErrors(breaks: String) throws {
        let (dir, store) = try FictionalStores.demoStore()
        let run = try ProcessRunner.run(
            try CovauditBinary.path(), ["report", "--db", store.path, "--out", dir.path("rep"), "--breaks", breaks])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--breaks"))
    }

    /// The audit table in Vietnamese: labels, verdicts, numbers with a decimal comma, the summary line.
    @Test func auditSpeaksVietnamese() throws {
        let (dir, store) = try FictionalStores.demoStore()
        let claims = try dir.write(
            "c.json",
            #"{"claims":[{"id":"bb","text":"99%","metric":"households","technologies":["fibre","3G","4G"],"threshold":"99%"}]}"#
        )
        let run = try ProcessRunner.run(
            try CovauditBinary.path(), ["audit", claims, "--db", store.path, "-q", "--lang", "vi"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("không đạt"))
        #expect(run.stdout.contains("99,0%"))
        #expect(run.stdout.contains("điểm %"))
        #expect(run.stdout.contains("1 số liệu công bố: 0 đạt, 1 không đạt, 0 không thể đánh giá"))
        #expect(!run.stdout.contains("pp") && !run.stdout.contains(" hold,"))
    }
}
