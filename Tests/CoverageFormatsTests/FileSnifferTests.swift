import CoverageFormats
import Foundation
import Testing

@Suite("File sniffer")
struct FileSnifferTests {
    @Test("magic bytes, extensions and content")
    func detect() throws {
        #expect(FileSniffer.detect(head: [0x1F, 0x8B, 8], pathExtension: "geojson") == .gzip)
        #expect(FileSniffer.detect(head: Array("PK\u{03}\u{04}".utf8), pathExtension: "") == .zip)
        #expect(FileSniffer.detect(head: [0, 0, 0x27, 0x0A, 0, 0], pathExtension: "dat") == .shapefile)
        #expect(
            FileSniffer.detect(head: [0xEF, 0xBB, 0xBF] + Array(" \n{\"type\"".utf8), pathExtension: "txt") == .geojson)
        #expect(FileSniffer.detect(head: Array("[{}]".utf8), pathExtension: "") == .geojson)
        #expect(FileSniffer.detect(head: Array("id,lon,lat\n1,2,3\n".utf8), pathExtension: "txt") == .csv)
        #expect(FileSniffer.detect(head: Array("x".utf8), pathExtension: "csv") == .csv)
        #expect(FileSniffer.detect(head: [0, 1, 2, 3, 4], pathExtension: "bin") == .unknown)
        #expect(FileSniffer.detect(path: "/nonexistent/covaudit/file.csv") == .missing)
        #expect(FileSniffer.detect(path: FileManager.default.temporaryDirectory.path) == .directory)
        let path = try temporaryFile("data.bin", Array("{\"type\":\"Point\"}".utf8))
        #expect(FileSniffer.detect(path: path) == .geojson)
    }
}
