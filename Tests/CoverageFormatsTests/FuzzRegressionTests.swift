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

    /// crash-69f5f9d1: an error past the record limit depended on where a refill fell.
    ///
    /// A quoted field running past the limit and followed by junk was "unexpected character after
    /// a closing quote" when the whole file was in the buffer, but "record is longer than 64 bytes"
    /// when a refill split it. Now the limit wins either way.
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

    /// crash-e9463b24: the same at the boundary, one byte past the limit.
    ///
    /// A bad byte right after a closing quote, as byte 65 of a record limited to 64, was a syntax
    /// error read whole but "too long" when a refill split it. A byte past the limit now always
    /// makes the record too long.
    @Test func badByteJustPastTheLimitIsTooLongWhateverTheRefills() {
        let crasher: [UInt8] = [
            0xEF, 0xBB, 0xBF, 0x69, 0x64, 0x3B, 0x6B, 0x69, 0x6E, 0x64, 0x3B, 0x6E, 0x61, 0x6D, 0x65,
            0x3B, 0x6E, 0x3B, 0x6C, 0x61, 0x74, 0x0D, 0x38, 0x24, 0x32, 0x31, 0x2E, 0x35, 0x0D, 0x0A,
            0x1A, 0x6F, 0x6F, 0x6C, 0x3B, 0x22, 0x54, 0x72, 0xC6, 0xB0, 0x1C, 0xBB, 0x9D, 0x6E, 0x67,
            0x20, 0x22, 0x22, 0x41, 0x22, 0x22, 0x3B, 0x0D, 0x0A, 0x63, 0xC6, 0x5C, 0x75, 0x30, 0x27,
            0x38, 0x66, 0x61, 0x20, 0x48, 0x5C, 0xF5, 0x31, 0x65, 0x31, 0xCC, 0x93, 0x69, 0x64, 0x2E,
            0x36, 0x37, 0x39, 0x34, 0x20, 0x73, 0x92, 0x63, 0x61, 0x6C, 0x65, 0x20, 0x64, 0x65, 0x30,
            0x61, 0x39, 0x75, 0x22, 0x0D, 0x64, 0x73, 0x76, 0x00, 0x00, 0x00, 0x00, 0x00, 0x31, 0x2E,
            0x36, 0x0D, 0x0A,
        ]
        let field = String(repeating: "x", count: 60)
        let pastLimit = Array("id,name\n1,\"\(field)\"d\n".utf8)  // 'd' is byte 65 of the record
        let atLimit = Array("id,name\n1,\"\(field.dropLast())\"d\n".utf8)  // 'd' is byte 64
        for (input, expected) in [
            (crasher, "line 2: record is longer than 64 bytes"), (pastLimit, "line 2: record is longer than 64 bytes"),
            (atLimit, "line 2: unexpected character after a closing quote"),
        ] {
            let whole = outcome(input)
            #expect(whole.contains(expected), "\(whole)")
            for chunk in [1, 2, 7, 23] {
                #expect(outcome(input, chunkBytes: chunk) == whole, "refills of \(chunk) bytes")
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
