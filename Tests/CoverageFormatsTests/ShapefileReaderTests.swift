import CoverageFormats
import CoverageModel
import Foundation
import Testing

/// Builds tiny shapefiles byte by byte.
private struct ShapefileBuilder {
    var records: [[UInt8]] = []

    static func be32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
    static func le32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func f64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }

    mutating func point(_ x: Double, _ y: Double) {
        records.append(Self.le32(1) + Self.f64(x) + Self.f64(y))
    }

    mutating func null() { records.append(Self.le32(0)) }

    mutating func polygon(_ rings: [[(Double, Double)]]) {
        var c = Self.le32(5) + [UInt8](repeating: 0, count: 32)
        c += Self.le32(Int32(rings.count)) + Self.le32(Int32(rings.reduce(0) { $0 + $1.count }))
        var start: Int32 = 0
        for r in rings {
            c += Self.le32(start)
            start += Int32(r.count)
        }
        for r in rings { for (x, y) in r { c += Self.f64(x) + Self.f64(y) } }
        records.append(c)
    }

    func shp(shapeType: Int32 = 5) -> [UInt8] {
        var body: [UInt8] = []
        for (i, r) in records.enumerated() {
            body += Self.be32(Int32(i + 1)) + Self.be32(Int32(r.count / 2)) + r
        }
        var header = Self.be32(9994) + [UInt8](repeating: 0, count: 20)
        header += Self.be32(Int32((100 + body.count) / 2)) + Self.le32(1000) + Self.le32(shapeType)
        header += [UInt8](repeating: 0, count: 64)
        return header + body
    }

    /// A DBF with a C(40) "NAME", N(8,1) "POP", L "OK" and D "SINCE" column.
    static func dbf(_ rows: [(name: String, pop: String, ok: String, since: String, deleted: Bool)]) -> [UInt8] {
        let fields: [(String, UInt8, UInt8, UInt8)] = [
            ("NAME", 67, 40, 0), ("POP", 78, 8, 1), ("OK", 76, 1, 0), ("SINCE", 68, 8, 0),
        ]
        let recordLength = 1 + fields.reduce(0) { $0 + Int($1.2) }
        let headerLength = 32 + 32 * fields.count + 1
        var out: [UInt8] =
            [0x03, 125, 1, 1] + le32(Int32(rows.count)) + le16(UInt16(headerLength)) + le16(UInt16(recordLength))
        out += [UInt8](repeating: 0, count: 20)
        for (name, type, length, decimals) in fields {
            var d = Array(name.utf8) + [UInt8](repeating: 0, count: 11 - name.utf8.count)
            d += [type, 0, 0, 0, 0, length, decimals] + [UInt8](repeating: 0, count: 14)
            out += d
        }
        out.append(0x0D)
        func pad(_ s: String, _ n: UInt8, right: Bool = false) -> [UInt8] {
            let b = Array(s.utf8)
            let fill = [UInt8](repeating: 0x20, count: max(0, Int(n) - b.count))
            return right ? fill + b : b + fill
        }
        for r in rows {
            out.append(r.deleted ? 0x2A : 0x20)
            out += pad(r.name, 40) + pad(r.pop, 8, right: true) + pad(r.ok, 1) + pad(r.since, 8)
        }
        out.append(0x1A)
        return out
    }
}

@Suite("Shapefile reader")
struct ShapefileReaderTests {
    private func write(_ shp: [UInt8], _ dbf: [UInt8]?, prj: String? = nil, cpg: String? = nil) throws -> String {
        let path = try temporaryFile("tiny.shp", shp)
        let base = URL(fileURLWithPath: path).deletingPathExtension().path
        if let dbf { try Data(dbf).write(to: URL(fileURLWithPath: base + ".dbf")) }
        if let prj { try Data(prj.utf8).write(to: URL(fileURLWithPath: base + ".prj")) }
        if let cpg { try Data(cpg.utf8).write(to: URL(fileURLWithPath: base + ".cpg")) }
        return path
    }

    @Test("point, polygon with a hole, null shape, UTF-8 attributes and prj")
    func roundTrip() throws {
        var b = ShapefileBuilder()
        b.point(105.8, 21.6)
        // Clockwise outer square, counter-clockwise hole, plus a second clockwise island.
        b.polygon([
            [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)],
            [(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)],
            [(20, 20), (20, 21), (21, 21), (21, 20), (20, 20)],
        ])
        b.null()
        b.point(1, 1)
        let dbf = ShapefileBuilder.dbf([
            ("Phường Phan Đình Phùng", "1234.5", "T", "20250701", false),
            ("Xã Bằng Thành", "", "F", "", false),
            ("empty", "7", "?", "", false),
            ("gone", "1", "T", "", true),
        ])
        let path = try write(b.shp(), dbf, prj: "GEOGCS[\"WGS 84\"]\n", cpg: "UTF-8")
        let reader = try ShapefileReader(path: path)
        #expect(reader.prjWKT == "GEOGCS[\"WGS 84\"]")
        #expect(reader.fields.map(\.name) == ["NAME", "POP", "OK", "SINCE"])
        var fs: [Feature] = []
        try reader.forEachFeature { fs.append($0) }
        #expect(fs.count == 3)
        #expect(fs[0].geometry == .point(Coordinate(105.8, 21.6)))
        #expect(fs[0].properties["NAME"] == .string("Phường Phan Đình Phùng"))
        #expect(fs[0].properties["POP"] == .number(1234.5))
        #expect(fs[0].properties["OK"] == .bool(true))
        #expect(fs[0].properties["SINCE"] == .string("2025-07-01"))
        guard case .multiPolygon(let polys)? = fs[1].geometry else {
            Issue.record("expected a MultiPolygon, got \(String(describing: fs[1].geometry))")
            return
        }
        #expect(polys.count == 2)
        #expect(polys[0].rings.count == 2)
        #expect(polys[0].holes.first?.first == Coordinate(2, 2))
        #expect(polys[1].rings.count == 1)
        #expect(fs[1].properties["NAME"] == .string("Xã Bằng Thành"))
        #expect(fs[1].properties["POP"] == .null)
        #expect(fs[1].properties["SINCE"] == .null)
        #expect(fs[2].index == 2)
        #expect(fs[2].geometry == nil)
        #expect(fs[2].properties["OK"] == .null)
    }

    @Test("single polygon with a hole and Windows-1252 text")
    func cp1252() throws {
        var b = ShapefileBuilder()
        b.polygon([[(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)], [(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)]])
        var dbf = ShapefileBuilder.dbf([("Caf?", "1", "T", "", false)])
        if let i = dbf.firstIndex(of: UInt8(ascii: "?")) { dbf[i] = 0xE9 }
        let path = try write(b.shp(), dbf, cpg: "1252")
        var fs: [Feature] = []
        try ShapefileReader(path: path).forEachFeature { fs.append($0) }
        #expect(fs.first?.properties["NAME"] == .string("Café"))
        #expect(fs.first?.geometry?.kind == .polygon)
        #expect(fs.first?.geometry?.polygons.first?.rings.count == 2)
    }

    @Test("truncated and corrupt files throw FormatError, never crash")
    func corrupt() throws {
        var b = ShapefileBuilder()
        b.point(1, 2)
        b.polygon([[(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]])
        let good = b.shp()
        for cut in [0, 50, 99, 100, 104, 120, good.count - 1] {
            let path = try write(Array(good[0..<cut]), nil)
            #expect(throws: FormatError.self, "cut \(cut)") {
                try ShapefileReader(path: path).forEachFeature { _ in }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = good
            for _ in 0..<3 {
                let i = Int.random(in: 100..<bytes.count, using: &generator)
                bytes[i] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? ShapefileReader(shp: Data(bytes), table: nil, prjWKT: nil, name: "f.shp").forEachFeature { _ in }
        }
        let dbf = ShapefileBuilder.dbf([("a", "1", "T", "", false)])
        #expect(throws: FormatError.self) { try DBFReader(data: Data(dbf[0..<(dbf.count - 30)]), name: "t.dbf") }
    }
}
