import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// Paths of the real reference files in GeoData/thai-nguyen.
enum TestPathsShim {
    /// The path of a file in `GeoData/thai-nguyen`.
    static func refdata(_ name: String) -> String {
        TestPaths.refdata.appendingPathComponent(name).path
    }
}

@Suite("Reference data")
struct ReferenceDataTests {
    @Test("tn_communes_2025.geojson: 92 MultiPolygons, 177,094 vertices")
    func communes() throws {
        let reader = try GeoJSONReader(path: TestPathsShim.refdata("tn_communes_2025.geojson"))
        #expect(reader.crsName == "urn:ogc:def:crs:OGC:1.3:CRS84")
        var count = 0
        var vertices = 0
        var firstCode: String?
        try reader.forEachFeature { f in
            if f.index == 0 { firstCode = f.properties["code"]?.text }
            #expect(f.geometry?.kind == .multiPolygon)
            vertices += f.geometry?.vertexCount ?? 0
            count += 1
        }
        #expect(count == 92)
        #expect(vertices == 177_094)
        #expect(firstCode == "01840")
    }

    @Test("every reference file is sniffed and parses")
    func allReferenceFiles() throws {
        let dir = TestPaths.refdata.path
        let dataFiles = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter {
            $0.hasSuffix(".geojson") || $0.hasSuffix(".csv")
        }
        #expect(dataFiles.count == 12)
        for name in dataFiles {
            let path = dir + "/" + name
            switch FileSniffer.detect(path: path) {
            case .geojson:
                #expect(name.hasSuffix(".geojson"))
                try GeoJSONReader(path: path).forEachFeature { _ in }
            case .csv:
                #expect(name.hasSuffix(".csv"))
                if name.hasSuffix(".csv") {
                    let reader = try CSVReader(path: path)
                    #expect(!reader.header.isEmpty)
                    try reader.forEachRecord { _ in }
                }
            default:
                Issue.record("unexpected format for \(name)")
            }
        }
    }
}
