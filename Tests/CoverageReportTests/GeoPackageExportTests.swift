import CoverageReport
import CoverageTestSupport
import Foundation
import Testing

/// report.gpkg: every result layer, typed fields, and QGIS styles with the HTML maps' classes and colours.
@Suite struct GeoPackageExportTests {
    /// `ogrinfo -ro -so FILE [LAYER]`'s output.
    static func ogrinfo(_ arguments: [String]) throws -> String {
        let tool = try #require(ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required: run Scripts/setup.sh")
        let result = try ProcessRunner.run(tool, ["-ro"] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func reportGeoPackageHoldsEveryLayerTypedAndStyled() throws {
        let (out, _) = try ReportFolderTests.writeDemoReport()
        let path = out.appendingPathComponent("report.gpkg").path
        let layers = try Self.ogrinfo([path])
        for layer in [
            "communes (Multi Polygon)", "gap_clusters (Point)", "gap_areas (Multi Polygon)",
            "routes (Multi Line String)", "sites (Point)", "institutions (Point)", "layer_styles (None)",
        ] {
            #expect(layers.contains(layer), "\(layers)")
        }
        let communes = try Self.ogrinfo(["-so", path, "communes"])
        #expect(communes.contains("households: Integer64"))
        #expect(communes.contains("broadband_household_share: Real"))
        #expect(communes.contains("fibre_area_share: Real"))
        #expect(communes.contains("name: String"))
        #expect(try Self.ogrinfo(["-so", path, "routes"]).contains("length_m: Real"))
        let styles = try Self.ogrinfo([
            path, "-sql", "SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles",
        ])
        for layer in ["communes", "gap_clusters", "gap_areas", "routes", "sites", "institutions"] {
            #expect(styles.contains("f_table_name (String) = \(layer)"), "no style for \(layer)")
        }
        #expect(styles.contains("broadband_household_share"))
        // The same classes and colours as the HTML maps (MapPalette.classes at the default breaks), no data included.
        for c in MapPalette.classes(breaks: MapPalette.defaultBreaks) {
            let hex = Int(c.colour.dropFirst(), radix: 16) ?? 0
            #expect(
                styles.contains("value=\"\(hex >> 16 & 0xFF),\(hex >> 8 & 0xFF),\(hex & 0xFF),255\""), "\(c.colour)")
            #expect(styles.contains("label=\"\(c.label.replacingOccurrences(of: "<", with: "&lt;"))\""))
        }
        #expect(styles.contains("IS NULL"))
    }
}
