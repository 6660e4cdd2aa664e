import CoverageModel
import Foundation
import SpatialSQL

/// The packed layout of one `measurement_blocks` row: `CompactMeasurement`s of a run of row ids as
/// fixed-size little-endian records (schema 7, issue 17).
///
/// A record is 66 bytes: lon, lat, time, download, upload, latency and RSRP as Float64 bit patterns
/// (NaN where the row holds NULL, exactly as the row cursor gives them), the id's offset from the
/// block's `first_id` (UInt32), the operator as a UInt16 index into the block's operator list
/// (0xFFFF: none), then one byte each for the technology, source and environment (their index in
/// `allCases`; 0xFF: none) and for the flags (bit 0: the row names an institution, whose id is the
/// next entry of the block's institution list).
enum MeasurementBlockFormat {
    /// Bytes per record.
    static let recordSize = 66
    /// Records per block the writers aim at.
    static let blockRows = 4096
    /// The code of "not recorded" in a one-byte field.
    static let noByte: UInt8 = 0xFF
    /// The operator code of "not recorded".
    static let noOperator: UInt16 = 0xFFFF
    /// Flag: the row names an institution.
    static let institutionFlag: UInt8 = 1
    /// The enums' cases in code order (kept, so no array is built per record).
    static let technologies = Technology.allCases
    static let sources = MeasurementSource.allCases
    static let environments = TestEnvironment.allCases

    /// Appends the record of `m` (its id `offset` past the block's first id) to `data`; `operatorCode`
    /// is the block-local operator code.
    static func append(_ m: CompactMeasurement, offset: UInt32, operatorCode: UInt16, to data: inout [UInt8]) {
        let p = data.count
        data.append(contentsOf: repeatElement(0, count: recordSize))
        data.withUnsafeMutableBytes { b in
            b.storeBytes(of: m.lon.bitPattern.littleEndian, toByteOffset: p, as: UInt64.self)
            b.storeBytes(of: m.lat.bitPattern.littleEndian, toByteOffset: p + 8, as: UInt64.self)
            b.storeBytes(of: m.time.bitPattern.littleEndian, toByteOffset: p + 16, as: UInt64.self)
            b.storeBytes(of: m.downloadMbps.bitPattern.littleEndian, toByteOffset: p + 24, as: UInt64.self)
            b.storeBytes(of: m.uploadMbps.bitPattern.littleEndian, toByteOffset: p + 32, as: UInt64.self)
            b.storeBytes(of: m.latencyMs.bitPattern.littleEndian, toByteOffset: p + 40, as: UInt64.self)
            b.storeBytes(of: m.rsrpDbm.bitPattern.littleEndian, toByteOffset: p + 48, as: UInt64.self)
            b.storeBytes(of: offset.littleEndian, toByteOffset: p + 56, as: UInt32.self)
            b.storeBytes(of: operatorCode.littleEndian, toByteOffset: p + 60, as: UInt16.self)
            b[p + 62] = m.technology.map { UInt8(technologies.firstIndex(of: $0)!) } ?? noByte
            b[p + 63] = UInt8(sources.firstIndex(of: m.source)!)
            b[p + 64] = m.environment.map { UInt8(environments.firstIndex(of: $0)!) } ?? noByte
            b[p + 65] = m.institutionID == nil ? 0 : institutionFlag
        }
    }

    /// The record at byte `at` of `data` as a measurement with row id `first + offset`; the operator
    /// code is the block-local one (mapped by the caller) and the institution is not set.
    @inline(__always)
    static func record(_ data: UnsafeRawBufferPointer, at p: Int, first: Int64) -> (CompactMeasurement, UInt16, Bool) {
        @inline(__always) func real(_ o: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: p + o, as: UInt64.self)))
        }
        var m = CompactMeasurement()
        m.lon = real(0)
        m.lat = real(8)
        m.time = real(16)
        m.downloadMbps = real(24)
        m.uploadMbps = real(32)
        m.latencyMs = real(40)
        m.rsrpDbm = real(48)
        m.rowID = first + Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: p + 56, as: UInt32.self)))
        let op = UInt16(littleEndian: data.loadUnaligned(fromByteOffset: p + 60, as: UInt16.self))
        let (t, s, e, f) = (data[p + 62], data[p + 63], data[p + 64], data[p + 65])
        if t != noByte { m.technology = technologies[Int(t)] }
        m.source = sources[Int(s)]
        if e != noByte { m.environment = environments[Int(e)] }
        return (m, op, f & institutionFlag != 0)
    }

    /// Whether the one-byte codes of the record at byte `p` are in range (a block that fails is not used).
    static func codesValid(_ data: UnsafeRawBufferPointer, at p: Int, operators: Int) -> Bool {
        let op = UInt16(littleEndian: data.loadUnaligned(fromByteOffset: p + 60, as: UInt16.self))
        let (t, s, e) = (data[p + 62], data[p + 63], data[p + 64])
        return (op == noOperator || Int(op) < operators) && (t == noByte || Int(t) < technologies.count)
            && Int(s) < sources.count && (e == noByte || Int(e) < environments.count)
    }

    /// A list of texts as stored in a block's `operators`/`institutions` column (a JSON array).
    static func encode(_ texts: [String]) -> String {
        let data = (try? JSONEncoder().encode(texts)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The texts of a block's list column, or nil when it is not a JSON array of strings.
    static func decode(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

/// Collects the measurements of consecutive row ids into blocks and writes each full block as one
/// `measurement_blocks` row: what the import and the schema-7 migration share.
final class MeasurementBlockBuilder {
    private let insert: Statement
    private var first: Int64 = 0
    private var last: Int64 = 0
    private var count = 0
    private var data: [UInt8] = []
    private var operators: [String] = []
    private var operatorCodes: [String: UInt16] = [:]
    private var lastOperator: (name: String, code: UInt16)?
    private var institutions: [String] = []
    /// Blocks written so far.
    private(set) var blocksWritten = 0

    /// The INSERT of one block.
    static let insertSQL = """
        INSERT INTO measurement_blocks(first_id, last_id, count, operators, institutions, data) VALUES (?, ?, ?, ?, ?, ?)
        """

    /// A builder writing to `db`.
    init(_ db: Connection) throws {
        insert = try db.prepare(Self.insertSQL)
        data.reserveCapacity(MeasurementBlockFormat.blockRows * MeasurementBlockFormat.recordSize)
    }

    /// Adds the measurement `m` (row id `m.rowID`, above every id added before; its operator named
    /// `operatorName`); writes the block first when `m` cannot join it.
    func append(_ m: CompactMeasurement, operatorName: String?) throws {
        if count > 0,
            count >= MeasurementBlockFormat.blockRows || m.rowID - first > Int64(UInt32.max)
                || (operatorName != nil && operators.count >= Int(MeasurementBlockFormat.noOperator)
                    && operatorCodes[operatorName!] == nil)
        {
            try flush()
        }
        if count == 0 { first = m.rowID }
        last = m.rowID
        var code = MeasurementBlockFormat.noOperator
        if let name = operatorName {
            if let l = lastOperator, l.name == name {
                code = l.code
            } else {
                code = operatorCodes[name] ?? UInt16(operators.count)
                if code == UInt16(operators.count) {
                    operators.append(name)
                    operatorCodes[name] = code
                }
                lastOperator = (name, code)
            }
        }
        if let institution = m.institutionID { institutions.append(institution) }
        MeasurementBlockFormat.append(m, offset: UInt32(m.rowID - first), operatorCode: code, to: &data)
        count += 1
    }

    /// Writes the block being filled (nothing when it is empty).
    func flush() throws {
        guard count > 0 else { return }
        insert.bindInt(first, at: 1)
        insert.bindInt(last, at: 2)
        insert.bindInt(Int64(count), at: 3)
        insert.bindText(MeasurementBlockFormat.encode(operators), at: 4)
        insert.bindText(institutions.isEmpty ? nil : MeasurementBlockFormat.encode(institutions), at: 5)
        data.withUnsafeBytes { insert.bindBlob($0, at: 6) }
        try insert.run()
        blocksWritten += 1
        count = 0
        data.removeAll(keepingCapacity: true)
        operators.removeAll()
        operatorCodes.removeAll()
        lastOperator = nil
        institutions.removeAll()
    }
}
