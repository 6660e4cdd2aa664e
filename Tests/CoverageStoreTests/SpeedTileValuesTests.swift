import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// A tile CSV row read in place (numbers from the field bytes, columns resolved once) reads every
/// value exactly as the record lookup does, and the tile BLOB written in Swift is SpatiaLite's own.
@Suite struct SpeedTileValuesTests {
    /// Field texts: plain decimals (read from the bytes) and every other form (read through `Double(String)`).
    static let fields = [
        "12345.678", "0", "-0", "-12.5", "007", "0.1", "123456789012345678901234567890", "1.7976931348623157",
        "3.141592653589793238462643383279", "", " ", " 12.5", "12.5 ", "\t7", "1e3", "+4", "1.", ".5", "nan", "inf",
        "-inf", "0x1p3", "abc", "1,5", "1e400", "--1", "12a",
    ]

    /// What a value source reads for every number of a tile: the bits, nil, or the exclusion.
    static func readings(_ v: some SpeedTileValues) -> [String] {
        SpeedTileField.allCases.map { field in
            do {
                return try v.number(field).map { "\($0.bitPattern)" } ?? "absent"
            } catch let e as Excluded {
                return "excluded \(e.reason) \(e.detail)"
            } catch {
                return "error \(error)"
            }
        } + [v.quadkeyText() ?? "no quadkey"]
    }

    @Test(arguments: fields)
    func bytesReadAsRecordsRead(_ field: String) throws {
        let dir = try FixtureDirectory()
        let quoted = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let path = try dir.write(
            "tiles.csv",
            "Quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n"
                + " 1230123012301230 ,\(quoted),\(quoted),\(quoted),\(quoted),\(quoted)\n")
        let records = try CSVRecords(path: path, pointColumns: false, openCellID: false)
        var expected: [[String]] = []
        try records.forEach { expected.append(Self.readings(LookedUpTileValues(record: $0))) }
        var read: [[String]] = []
        try CSVRecords(path: path, pointColumns: false, openCellID: false).forEachInPlace { r in
            read.append(Self.readings(CSVTileValues(raw: r.raw, columns: SpeedTileColumns(r.columns))))
        }
        #expect(expected.count == 1)
        #expect(read == expected)
    }

    @Test func absentColumnsReadAsAbsent() throws {
        let dir = try FixtureDirectory()
        let path = try dir.write("tiles.csv", "qk,tests\n0123012301230123,5\n")
        try CSVRecords(path: path, pointColumns: false, openCellID: false).forEachInPlace { r in
            let values = CSVTileValues(raw: r.raw, columns: SpeedTileColumns(r.columns))
            #expect(
                Self.readings(values) == [
                    "absent", "absent", "absent", "\(5.0.bitPattern)", "absent", "0123012301230123",
                ])
        }
    }

    @Test(arguments: ["1230123012301230", "0000000000000000", "3333333333333333", "1", "0213"])
    func rectangleBlobIsSpatiaLites(_ digits: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let quadkey = try #require(Quadkey(digits))
        let query = try store.db.prepare("SELECT GeomFromWKB(?, 4326)")
        WKB.encode(.polygon(quadkey.polygon)).withUnsafeBytes { query.bindBlob($0, at: 1) }
        #expect(try query.step())
        let expected = query.row.withBlob(0) { Array($0) }
        let blob = [UInt8](unsafeUninitializedCapacity: SpatiaLiteBlob.rectangleSize) { buffer, count in
            SpatiaLiteBlob.rectangle(quadkey.bounds, into: UnsafeMutableRawBufferPointer(buffer))
            count = SpatiaLiteBlob.rectangleSize
        }
        #expect(blob == expected)
    }
}
