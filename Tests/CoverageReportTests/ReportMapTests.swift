import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageReport

/// Map drawing: simplification with shared edges, classes, numbers in both languages, escaping, no-script reading.
@Suite struct ReportMapTests {
    /// Two squares sharing a wiggly edge (px).
    static func neighbours() -> [[MapPoint]] {
        let edge = (0...40).map { i in MapPoint(x: 100 + sin(Double(i) * 0.7) * 1.3, y: Double(i) * 5) }
        let left = [MapPoint(x: 0, y: 0)] + edge + [MapPoint(x: 0, y: 200)]
        let right = [MapPoint(x: 200, y: 200)] + edge.reversed() + [MapPoint(x: 200, y: 0)]
        return [left, right]
    }

    @Test(arguments: [0.5, 1.0, 2.0])
    func sharedEdgesStayIdenticalInBothNeighbours(tolerance: Double) {
        let rings = Simplifier(tolerance: tolerance).simplify(Self.neighbours())
        let onEdge = { (p: MapPoint) in p.x > 50 && p.x < 150 }
        let left = Set(rings[0].filter(onEdge))
        let right = Set(rings[1].filter(onEdge))
        #expect(left == right)
        #expect(left.count < 41, "nothing was simplified")
        #expect(left.count >= 2)
    }

    @Test(arguments: [
        ([50.0, 80, 90, 95, 99], ["< 50%", "50–80%", "80–90%", "90–95%", "95–99%", "≥ 99%"]),
        ([25.0, 75], ["< 25%", "25–75%", "≥ 75%"]),
        ([99.5], ["< 99.5%", "≥ 99.5%"]),
    ])
    func classesFollowTheBreaks(breaks: [Double], labels: [String]) {
        let classes = MapPalette.classes(breaks: breaks)
        #expect(classes.map(\.label) == labels)
        #expect(Set(classes.map(\.colour)).count == classes.count)
        #expect(!classes.map(\.colour).contains(MapPalette.noData))
        #expect(classes.first?.colour == "#fde725" && classes.last?.colour == "#440154")
    }

    @Test(arguments: [("50,80,90,95,99", [50.0, 80, 90, 95, 99]), ("90, 10", [10, 90])])
    func breaksParse(text: String, expected: [Double]) { #expect(MapPalette.parseBreaks(text) == expected) }

    @Test(arguments: ["", "0,50", "50,100", "a,b", "50,,80"])
    func badBreaksAreRefused(text: String) { #expect(MapPalette.parseBreaks(text) == nil) }

    @Test(arguments: [
        (ReportLanguage.en, "4,000", "38.5%", "526.0", "2025-12-31", "+0.4 pp"),
        (.vi, "4.000", "38,5%", "526,0", "31/12/2025", "+0,4 điểm %"),
    ])
    func numbersAndDatesInTheReportsLanguage(
        language: ReportLanguage, grouped: String, percent: String, fixed: String, date: String, points: String
    ) {
        let n = ReportNumbers(language)
        #expect(n.grouped(4000) == grouped)
        #expect(n.percent(0.385) == percent)
        #expect(n.fixed(526.04, 1) == fixed)
        #expect(n.date("2025-12-31") == date)
        #expect(n.points(0.004) == points)
        #expect(n.percent(nil) != n.percent(0))
    }

    /// A hostile commune name is escaped in labels, keys and tap text; without the script the legend,
    /// key and figures still read.
    @Test func namesAreEscapedAndTheMapReadsWithoutScript() {
        let hostile = "<b>x</b> \"'&"
        let square = Geometry.polygon(
            Polygon(closedRings: [
                [Coordinate(105, 21), Coordinate(105.01, 21), Coordinate(105.01, 21.01), Coordinate(105, 21)]
            ]))
        let big = Geometry.polygon(
            Polygon(closedRings: [
                [Coordinate(105.01, 21), Coordinate(106, 21), Coordinate(106, 22), Coordinate(105.01, 21)]
            ])
        )
        let map = ChoroplethMap(
            title: "t", values: ["1": 0.5, "2": nil], hatched: [], hatchLabel: nil,
            tooltips: ["1": "\(hostile) (1)\nx", "2": "Xã Rộng (2)"], classes: MapPalette.classes(breaks: [50]),
            noDataLabel: "no data")
        var doc = ReportDocument(
            title: "r", language: .vi, lead: [], sections: [ReportSection(id: "maps", title: "m", blocks: [.map(map)])])
        doc.pageHeader = "Tỉnh \"x\" </style>"
        let html = ReportHTML.render(doc, geometries: ["1": square, "2": big])
        #expect(!html.contains("<b>x"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt; &quot;&#39;&amp;"))
        #expect(!html.contains("</style>\"") && html.contains("\\3c /style"))
        let withoutScript = html.replacingOccurrences(
            of: "<script>[\\s\\S]*</script>", with: "", options: .regularExpression)
        #expect(withoutScript.contains("<ul class=\"legend\">"))
        #expect(withoutScript.contains("<ol><li value=\"1\">&lt;b&gt;x"))  // numbered: the small square has no room
        #expect(withoutScript.contains("<text class=\"n\""))  // the large one is named
        #expect(withoutScript.contains("fill=\"url(#nodata)\""))  // no data is a pattern, not a colour
    }

    /// The real province's outlines (177k vertices) are simplified: the demo HTML stays small.
    @Test func demoReportStaysSmall() throws {
        let url = TestPaths.repositoryRoot.appendingPathComponent("Reports/demo/report.html")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)
        #expect(size.intValue < 800_000, "report.html is \(size.intValue) bytes")
    }
}
