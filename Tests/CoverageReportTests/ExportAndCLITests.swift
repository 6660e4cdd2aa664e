import CoverageAnalysis
import CoverageFormats
import CoverageReport
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

@Suite struct ExportAndCLITests {
    @Test func everyLayerExportsAsRFC7946() throws {
        let (dir, store) = try FictionalStores.demoStore()
        var parameters = CoverageParameters()
        parameters.gapAreas = true
        _ = try CoverageAnalyzer(store: store, parameters: parameters).run()
        for layer in ExportLayer.allCases {
            let path = dir.path("\(layer.rawValue).geojson")
            let writer = try GeoJSONWriter(path: path, precision: 7)
            let n = try LayerExport.write(layer, from: store, to: writer)
            try writer.finish()
            #expect(n > 0, "\(layer.rawValue) is empty")
            #expect(try GeoJSONCheck.violations(ofFile: path) == [], "\(layer.rawValue)")
            if let ok = try GeoJSONCheck.ogrinfoAccepts(path) { #expect(ok, "ogrinfo rejects \(layer.rawValue)") }
        }
        let communes = try String(contentsOfFile: dir.path("communes.geojson"), encoding: .utf8)
        #expect(communes.contains("\"name\":\"Xã Minh Lương\""))
        #expect(!communes.contains("\"crs\""))
    }

    @Test func exportToStdoutAndReportOverwriteRefusal() throws {
        let exe = try CovauditBinary.path()
        let (dir, store) = try FictionalStores.demoStore()
        let db = store.path
        let fails = try dir.write(
            "fails.json",
            #"{"claims":[{"id":"bb","text":"99%","metric":"households","technologies":["fibre","3G","4G"],"threshold":"99%"}]}"#
        )
        // export to stdout, and report refusing to overwrite.
        let export = try ProcessRunner.run(exe, ["export", "routes", "--db", db, "--out", "-", "-q"])
        #expect(export.status == 0 && export.stdout.hasPrefix("{\"type\":\"FeatureCollection\""))
        let out = dir.path("rep")
        #expect(try ProcessRunner.run(exe, ["report", "--db", db, "--out", out, "--claims", fails, "-q"]).status == 0)
        let again = try ProcessRunner.run(exe, ["report", "--db", db, "--out", out, "-q"])
        #expect(again.status == 1 && again.stderr.contains("--overwrite"))
        #expect(
            try ProcessRunner.run(exe, ["report", "--db", db, "--out", out, "--overwrite", "-q", "--lang", "vi"]).status
                == 0)
    }
}
