import CoverageFormats
import Foundation
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("comma file with quotes, doubled quotes and quoted newlines keeps start lines")
    func quoted() throws {
        let text =
            "id, name ,note\n1,\"Phường Phan Đình Phùng\",plain\n2,\"two\nlines\",\"say \"\"hi\"\"\"\n\n3,Xã Bằng Thành,\"a,b\""
        let (reader, rows) = try csvRecords(text)
        #expect(reader.header == ["id", "name", "note"])
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(rows.map(\.line) == [2, 3, 6])
        #expect(rows[0]["name"] == "Phường Phan Đình Phùng")
        #expect(rows[1].fields == ["2", "two\nlines", "say \"hi\""])
        #expect(rows[2]["name"] == "Xã Bằng Thành")
        #expect(rows[2]["note"] == "a,b")
        #expect(rows[2]["missing"] == nil)
    }

    @Test("BOM, semicolons and CRLF")
    func semicolonCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code;name\r\n01840;Đức Xuân\r\n\"01843\";\"x;y\"\r\n".utf8)
        let reader = try CSVReader(bytes: bytes, name: "s.csv")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.header == ["code", "name"])
        var rows: [CSVRecord] = []
        try reader.forEachRecord { rows.append($0) }
        #expect(rows.map(\.fields) == [["01840", "Đức Xuân"], ["01843", "x;y"]])
        #expect(rows.map(\.line) == [2, 3])
    }

    @Test("tab delimiter and a file read from disk in small pieces")
    func tabsFromDisk() throws {
        var text = "id\tlon\tlat\n"
        for i in 0..<5000 { text += "\(i)\t105.\(i)\t21.5\n" }
        let path = try temporaryFile("t.tsv", Array(text.utf8))
        let reader = try CSVReader(path: path)
        #expect(reader.delimiter == 0x09)
        var count = 0
        var sum = 0.0
        try reader.forEachRecordBytes { r in
            count += 1
            sum += r.double(2) ?? 0
            #expect(r.line == count + 1)
        }
        #expect(count == 5000)
        #expect(abs(sum - 5000 * 21.5) < 1e-6)
    }

    @Test("errors carry the line")
    func errors() throws {
        var bytes = Array("a,b\n1,2\n3,".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: FormatError(file: "t.csv", location: .line(3), reason: "text is not valid UTF-8")) {
            try CSVReader(bytes: bytes, name: "t.csv").forEachRecord { _ in }
        }
        bytes = Array("a,b\n1,2\n3,\"open\n\nmore".utf8)
        do {
            try CSVReader(bytes: bytes, name: "t.csv").forEachRecord { _ in }
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.location == .line(3))
            #expect(e.reason.contains("unterminated quoted field"))
        }
        let long = "a,b\n1,2\n3," + String(repeating: "x", count: 100) + "\n"
        do {
            _ = try csvRecords(long, maxRecordBytes: 64)
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.location == .line(3))
            #expect(e.reason == "record is longer than 64 bytes")
        }
    }

    @Test("a record over 1 MiB is rejected from disk")
    func oneMiB() throws {
        let text = "a\nshort\n" + String(repeating: "y", count: (1 << 20) + 10) + "\n"
        let path = try temporaryFile("big.csv", Array(text.utf8))
        #expect(throws: FormatError(file: "big.csv", location: .line(3), reason: "record is longer than 1 MiB")) {
            try CSVReader(path: path).forEachRecord { _ in }
        }
    }

    @Test("parseDouble accepts decimals and rejects junk")
    func parseDouble() {
        #expect(CSVReader.parseDouble("105.8342") == 105.8342)
        #expect(CSVReader.parseDouble(" -21.5 ") == -21.5)
        #expect(CSVReader.parseDouble("+1e3") == 1000)
        #expect(CSVReader.parseDouble(".5") == 0.5)
        #expect(CSVReader.parseDouble("0.1") == 0.1)
        #expect(CSVReader.parseDouble("123456789012345678901234") == 123456789012345678901234.0)
        for junk in ["", " ", "nan", "NaN", "inf", "-inf", "1e999", "abc", "1.2.3", "1e", "-", "0x10", "1,5"] {
            #expect(CSVReader.parseDouble(junk) == nil, "\(junk)")
        }
    }

    @Test("header only and a missing trailing newline")
    func edges() throws {
        #expect(try csvRecords("a,b").1.isEmpty)
        let (_, rows) = try csvRecords("a,b\n1,\"2\"")
        #expect(rows.first?.fields == ["1", "2"])
    }
}

@Suite("CSV chunk boundaries")
struct CSVChunkBoundaryTests {
    @Test("a multi-MiB file read in chunks equals the same bytes read at once")
    func chunkedEqualsWhole() throws {
        var text = "id;name;note\r\n"
        var i = 0
        while text.utf8.count < 3_300_000 {
            switch i % 4 {
            case 0: text += "\(i);\"Xã Bằng Thành\r\nline two\";\"say \"\"hi\"\"\"\r\n"
            case 1: text += "\(i);plain;\r\n"
            case 2: text += "\(i);\"\";\"a;b\"\n"
            default: text += "\(i);Phường Phan Đình Phùng;x\n\n"
            }
            i += 1
        }
        let bytes = Array(text.utf8)
        let path = try temporaryFile("chunks.csv", bytes)
        var fromDisk: [CSVRecord] = []
        try CSVReader(path: path).forEachRecord { fromDisk.append($0) }
        var fromMemory: [CSVRecord] = []
        try CSVReader(bytes: bytes, name: "chunks.csv").forEachRecord { fromMemory.append($0) }
        #expect(fromDisk.count == i)
        #expect(fromDisk.map(\.fields) == fromMemory.map(\.fields))
        #expect(fromDisk.map(\.line) == fromMemory.map(\.line))
        #expect(fromDisk[4].fields == ["4", "Xã Bằng Thành\r\nline two", "say \"hi\""])
        #expect(fromDisk[4].line == 8)
    }

    @Test("random bytes never crash")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("a,;\t\"\r\n 1.5".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            _ = try? CSVReader(bytes: bytes, name: "f.csv", maxRecordBytes: 32).forEachRecordBytes { r in
                for k in 0..<r.count { _ = r.double(k) }
            }
        }
    }
}
