import CoverageModel
import Foundation

/// One test as the evidence analysis reads it: a fixed-size value of 64 bytes (a `Measurement` with
/// its strings takes four times that), so 10 M tests fit in 640 MB and are read without retain or
/// release.
public struct EvidenceTestRecord: BitwiseCopyable, Sendable, Equatable {
    /// Which optional fields are recorded (the `Recorded` bits); an unrecorded field's value is 0.
    public var recorded: UInt8
    /// `Technology.allCases` index; -1 when not recorded.
    public var technology: Int8
    /// 0 indoor, 1 outdoor, -1 not recorded.
    public var environment: Int8
    /// `MeasurementSource.allCases` index (in the byte the alignment of `operatorIndex` leaves free).
    public var source: Int8 = Self.sourceIndex(.crowdApp)
    /// Index into `EvidenceTestSet.operators`; -1 when not recorded.
    public var operatorIndex: Int32
    public var lon: Double
    public var lat: Double
    /// Seconds since 1970 UTC.
    public var time: Double
    public var downloadMbps: Double
    public var uploadMbps: Double
    public var latencyMs: Double
    public var rsrpDbm: Double

    /// Bits of `recorded`.
    public enum Recorded {
        public static let time: UInt8 = 1
        public static let download: UInt8 = 2
        public static let upload: UInt8 = 4
        public static let latency: UInt8 = 8
        public static let rsrp: UInt8 = 16
    }

    @inline(__always) public func has(_ bit: UInt8) -> Bool { recorded & bit != 0 }

    /// The index of `source` in `MeasurementSource.allCases`.
    @inline(__always)
    public static func sourceIndex(_ source: MeasurementSource) -> Int8 {
        switch source {
        case .driveTest: 0
        case .crowdApp: 1
        case .fixedProbe: 2
        case .schoolProbe: 3
        }
    }

    /// True for a fixed or school probe: a test of a fixed connection, not of mobile coverage.
    @inline(__always) public var isProbe: Bool { source >= Self.sourceIndex(.fixedProbe) }
}

/// A probe test attached to an institution: the test's position in the set and the institution's in
/// `EvidenceTestSet.institutionIDs`.
public struct InstitutionLink: BitwiseCopyable, Sendable, Equatable {
    public var test: Int
    public var institution: Int32
}

/// The tests of one analysis in compact form: records, the operator names they index, and their ids
/// (only read for the tests behind a candidate cell).
public struct EvidenceTestSet: Sendable {
    public private(set) var records: [EvidenceTestRecord] = []
    /// Operator names in order of first appearance.
    public private(set) var operators: [String] = []
    /// The test ids, parallel to `records`, of a set built from measurements (empty for one read from
    /// a store: see `rowIDs`).
    public private(set) var ids: [String] = []
    /// The store row ids, parallel to `records`, of a set read from a store (empty for one built from
    /// measurements). A set is built one way or the other.
    public private(set) var rowIDs: [Int64] = []
    private var operatorIndex: [String: Int32] = [:]
    /// Institution ids named by probe tests, in order of first appearance.
    public private(set) var institutionIDs: [String] = []
    /// The probe tests (fixed or school) that name an institution, in test order.
    public private(set) var institutionLinks: [InstitutionLink] = []
    private var institutionIndex: [String: Int32] = [:]

    public init() {}

    /// The set of `measurements`, in their order.
    public init(_ measurements: [CoverageModel.Measurement]) {
        reserveCapacity(measurements.count)
        ids.reserveCapacity(measurements.count)
        for m in measurements { append(m) }
    }

    public var count: Int { records.count }

    public mutating func reserveCapacity(_ n: Int) {
        records.reserveCapacity(n)
    }

    /// Reserves room for `n` tests read from a store (records and row ids).
    mutating func reserveStoreCapacity(_ n: Int) {
        records.reserveCapacity(n)
        rowIDs.reserveCapacity(n)
    }

    /// The id of test `i`: its measurement id, or its store row id as text (made only for the tests
    /// behind a reported cell).
    public func id(at i: Int) -> String { testIDs.id(at: i) }

    /// The ids alone, for the stages after the records are released.
    var testIDs: EvidenceTestIDs { EvidenceTestIDs(ids: ids, rowIDs: rowIDs) }

    /// Appends `m` (a store cursor can append row by row without building `Measurement` arrays).
    public mutating func append(_ m: CoverageModel.Measurement) {
        precondition(rowIDs.isEmpty, "a test set read from a store takes no measurements")
        var r = EvidenceTestRecord(
            recorded: 0, technology: -1, environment: -1, operatorIndex: -1, lon: m.position.x, lat: m.position.y,
            time: 0, downloadMbps: 0, uploadMbps: 0, latencyMs: 0, rsrpDbm: 0)
        if let t = m.technology { r.technology = Int8(TestJudge.technologyIndex(t)) }
        if let e = m.environment { r.environment = e == .indoor ? 0 : 1 }
        r.source = EvidenceTestRecord.sourceIndex(m.source)
        if let name = m.operatorName, !name.isEmpty { r.operatorIndex = intern(name) }
        func set(_ value: Double?, _ bit: UInt8, _ field: WritableKeyPath<EvidenceTestRecord, Double>) {
            guard let value else { return }
            r[keyPath: field] = value
            r.recorded |= bit
        }
        typealias R = EvidenceTestRecord.Recorded
        set(m.time, R.time, \.time)
        set(m.downloadMbps, R.download, \.downloadMbps)
        set(m.uploadMbps, R.upload, \.uploadMbps)
        set(m.latencyMs, R.latency, \.latencyMs)
        set(m.rsrpDbm, R.rsrp, \.rsrpDbm)
        if r.isProbe, let institution = m.institutionID, !institution.isEmpty {
            attach(test: records.count, to: institution)
        }
        records.append(r)
        ids.append(m.id)
    }

    /// Attaches the probe test at position `test` to institution `id` (a store cursor that fills
    /// records directly calls this for the probe rows naming an institution).
    public mutating func attach(test: Int, to id: String) {
        let i: Int32
        if let known = institutionIndex[id] {
            i = known
        } else {
            i = Int32(institutionIDs.count)
            institutionIDs.append(id)
            institutionIndex[id] = i
        }
        institutionLinks.append(InstitutionLink(test: test, institution: i))
    }

    /// Appends the tests of a chunk read from a store, its operator codes mapped to this set's indexes.
    mutating func append(_ chunk: EvidenceTestChunk) {
        precondition(ids.isEmpty, "a test set built from measurements takes no store chunks")
        // Names are interned as tests use them, so the set's operators stay in order of first appearance.
        var map = [Int32?](repeating: nil, count: chunk.operatorNames.count)
        let first = records.count
        records.append(contentsOf: chunk.records)
        rowIDs.append(contentsOf: chunk.rowIDs)
        for i in first..<records.count where records[i].operatorIndex >= 0 {
            let code = Int(records[i].operatorIndex)
            if map[code] == nil {
                let name = chunk.operatorNames[code]
                map[code] = name.isEmpty ? -1 : intern(name)
            }
            records[i].operatorIndex = map[code] ?? -1
        }
        for (test, institution) in chunk.probeInstitutions { attach(test: first + test, to: institution) }
    }

    /// The index of operator `name`, added when new.
    private mutating func intern(_ name: String) -> Int32 {
        if let i = operatorIndex[name] { return i }
        let i = Int32(operators.count)
        operators.append(name)
        operatorIndex[name] = i
        return i
    }
}

/// The ids of a test set without its records: what the cells stage needs to name the tests behind a
/// cell once the records (the bulk of a set) are released.
struct EvidenceTestIDs: Sendable {
    /// The measurement ids of a set built from measurements (else empty).
    let ids: [String]
    /// The store row ids of a set read from a store (else empty).
    let rowIDs: [Int64]

    /// The id of test `i`: its measurement id, or its store row id as text.
    func id(at i: Int) -> String { rowIDs.isEmpty ? ids[i] : String(rowIDs[i]) }
}
