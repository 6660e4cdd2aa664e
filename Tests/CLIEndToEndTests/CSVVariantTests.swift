import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Valid CSV variants from other tools (Excel, LibreOffice, government exports): a BOM,
/// semicolons, CRLF and quoted newlines must not break parsing; they import exactly.
@Suite("CSV variants that must import")
struct CSVVariantTests {
    @Test func byteOrderMarkSemicolonsCRLFAndQuotedNewlines() throws {
        let f = try E2EFixture()
        let text =
            "\u{FEFF}id;kind;name;lon;lat;connection;evidence\r\n"
            + "V1;school;\"Trường Tiểu học số 1;\r\ncơ sở \"\"Bản Pắc\"\"\";105,1;21.5;fibre;measured\r\n"
            + "V2;health;Trạm y tế xã;105.2;21.6;mobile;declared\r\n"
        let file = try f.write("excel-export.csv", text.replacingOccurrences(of: "105,1", with: "105.1"))
        let result = try CovauditBinary.run(f.importArgs("institutions", file))
        #expect(result.status == 0, "\(result.stderr)")
        let all = try f.open().institutions()
        let imported = all.filter { $0.id.hasPrefix("V") }
        #expect(imported.map(\.id) == ["V1", "V2"])
        #expect(imported.first?.name == "Trường Tiểu học số 1;\r\ncơ sở \"Bản Pắc\"")
        #expect(imported.first?.position == Coordinate(105.1, 21.5))
        #expect(imported.last?.connection == .mobile)
    }

    @Test func tabSeparatedWithBOMAndBlankLines() throws {
        let f = try E2EFixture()
        let file = try f.write("tabs.csv", "\u{FEFF}id\tlon\tlat\n\nT1\t105.81\t21.51\n\nT2\t105.82\t21.52\n\n")
        let result = try CovauditBinary.run(f.importArgs("households", file))
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try f.open().locations().map(\.id).filter { $0.hasPrefix("T") }
        #expect(ids == ["T1", "T2"])
    }
}
