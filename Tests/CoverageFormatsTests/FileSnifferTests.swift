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

@Suite("Sniffing OpenCelliD and binary files")
struct SnifferIssue13Tests {
    @Test(
        "an OpenCelliD header is recognised whatever the extension, case or BOM",
        arguments: [
            ("radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n", "csv"),
            ("RADIO,MCC,NET,AREA,CELL,UNIT,LON,LAT,RANGE\r\nLTE,452,4,1,2,0,105.8,21.5,1000\r\n", ""),
            ("\u{FEFF}radio,mcc,net,area,cell,unit,lon,lat\n", "txt"),
            ("\"radio\",\"mcc\",\"net\",\"area\",\"cell\",\"unit\",\"lon\",\"lat\"\n", "csv"),
        ])
    func openCellID(_ text: String, _ ext: String) {
        #expect(FileSniffer.detect(head: Array(text.utf8), pathExtension: ext) == .opencellid)
    }

    @Test(
        "other CSV headers stay CSV",
        arguments: [
            "id,lon,lat\n", "radio,lon,lat\n", "radio,mcc,net,area,cell\n", "mcc,radio,net,area,cell,unit,lon,lat\n",
        ])
    func plainCSV(_ text: String) {
        #expect(FileSniffer.detect(head: Array(text.utf8), pathExtension: "csv") == .csv)
    }

    @Test("NUL bytes mark a head as binary")
    func nul() {
        #expect(FileSniffer.holdsNUL(Array("id,lon,lat\n".utf8) + [0]))
        #expect(!FileSniffer.holdsNUL(Array("id,lon,lat\n".utf8)))
    }
}
