import CoverageFormats
import CoverageTestSupport
import Foundation
import Testing

/// Inputs found by the libFuzzer target (`Scripts/fuzz.sh`), kept so the bugs stay fixed, and a
/// replay of the seed corpus.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Everything a CSV reader reports: delimiter, header, records with lines, or the error.
    private func outcome(_ bytes: [UInt8], maxRecordBytes: Int = 64, chunkBytes: Int = CSVReader.chunkSize) -> String {
        do {
            let reader = try CSVReader(
                bytes: bytes, name: "f.csv", maxRecordBytes: maxRecordBytes, chunkBytes: chunkBytes)
            var out = "delimiter \(reader.delimiter) header \(reader.header)\n"
            try reader.forEachRecord { out += "\($0.line): \($0.fields)\n" }
            return out
        } catch {
            return "error \(error)"
        }
    }

    /// crash-69f5f9d1 (differential): a quoted field running past the record limit and followed by
    /// junk was "unexpected character after a closing quote" when the whole file was in the buffer,
    /// but "record is longer than 64 bytes" when a refill split it. Now the limit wins either way.
    @Test func errorPastTheRecordLimitDoesNotDependOnRefills() {
        let crasher: [UInt8] = [
            0x7B, 0x22, 0x66, 0x65, 0x61, 0x74, 0x75, 0x72, 0x65, 0x73, 0x63, 0x6F, 0x6F, 0x72, 0x64, 0x2F, 0x2F,
            0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x5C, 0x5C, 0x2F, 0x5C, 0x62,
            0x5C, 0x66, 0x5C, 0x6E, 0x5C, 0x72, 0x5C, 0x74, 0x5C, 0x75, 0x64, 0x38, 0x32, 0x64, 0x5C, 0x75, 0x64,
            0x65, 0x30, 0x30, 0x22, 0x7D, 0x7D, 0x5D, 0x2C, 0x22, 0x74, 0x79, 0x70, 0x65, 0xD8, 0xD8, 0xD8, 0xD8,
            0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0xD8, 0x6E, 0x22, 0x7D,
        ]
        let readable = Array(("id,name\n1,\"" + String(repeating: "x", count: 70) + "\"}\n").utf8)
        let unterminated = Array(("id,name\n1,\"" + String(repeating: "x", count: 70)).utf8)
        for input in [crasher, readable, unterminated] {
            let whole = outcome(input)
            #expect(whole.contains("record is longer than 64 bytes"), "\(whole)")
            for chunk in [1, 2, 7, 31] {
                #expect(outcome(input, chunkBytes: chunk) == whole)
            }
        }
    }

    /// Errors before the limit are still reported as what they are, however the file is read.
    @Test func errorBeforeTheRecordLimitIsStillASyntaxError() {
        let input = Array("id,name\n1,\"short\"x\n".utf8)
        for chunk in [1, 3, CSVReader.chunkSize] {
            let result = outcome(input, chunkBytes: chunk)
            #expect(result.contains("line 2: unexpected character after a closing quote"), "\(result)")
        }
    }

    /// Valid CSV reads the same in any refill size.
    @Test func refillSizeDoesNotChangeRecords() {
        let input = Array(
            "\u{FEFF}id;name;note\r\n1;\"a;b\";\"multi\nline\"\r\n\r\n2;\"q\"\"uote\";\"\"\r\n3;;x\n".utf8)
        let whole = outcome(input, maxRecordBytes: 32)
        #expect(whole.contains("6: [\"3\", \"\", \"x\"]"), "\(whole)")
        for chunk in 1...12 {
            // 32 + chunk + 8 bytes of buffer: every record straddles a refill somewhere.
            #expect(outcome(input, maxRecordBytes: 32, chunkBytes: chunk) == whole)
        }
    }

    /// Every seed of the fuzz corpus reads without trapping (errors are fine).
    @Test func seedCorpusReplays() throws {
        let corpus = TestPaths.repositoryRoot.appendingPathComponent("Fuzz/Corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name)))
            var features = 0
            try? GeoJSONReader(bytes: bytes, name: name).forEachFeature { _ in features += 1 }
            if name.hasSuffix("json") { #expect(features > 0, "\(name) reads as no GeoJSON") }
            _ = outcome(bytes)
            _ = outcome(bytes, chunkBytes: 5)
            _ = try? WKB.decode(bytes)
        }
    }
}
