import CoverageModel
import Foundation
import GeometryKernels

/// What a full coverage run keeps for a later what-if run: the classification's tallies, its gap
/// points, the outside counts and each unit's area shares — enough to update the figures for the
/// locations and units a change touches and assemble them with the full run's code.
struct RunState {
    /// Bumped whenever the encoding or the meaning of a part changes (a run with another format is
    /// never reused).
    static let format: Int64 = 5  // 5: location cells of 0.004° (D64)

    /// A random value a what-if run checks again inside its write transaction (no run since).
    var token: [UInt8]
    /// The run's `ReadSnapshot.inputMarks` (a what-if run requires them unchanged but for added datasets).
    var inputMarks: [String]
    /// The operators of the run's coverage inputs (the tallies' operator positions).
    var operators: [String]
    /// The unit codes (the tallies' and gap points' unit positions).
    var unitCodes: [String]
    var units: Tally
    var hamlets: Tally
    /// Uncovered locations for the gap measure, in household id order.
    var gaps: GapPoints
    /// Per gap point, its gap cluster's label (`GapClusterUpdate`; empty: not kept, every cluster is
    /// computed again).
    var gapLabels: [Int64] = []
    var outsideLocations: Int
    var outsideHouseholds: Int
    var outsideRowIDs: [Int64]
    /// Per unit, the share of each area measure (`parameters.areaMeasures` order; nil: none).
    var areaShares: [[Double?]]
    /// Per unit, its areas per top box (a what-if run recomputes only the boxes a change meets).
    var areaBoxes: AreaBoxState
    /// Every location's grid cell (what-if runs find the locations in a box by it).
    var cells: LocationCells
    /// Each unit's centre, area, fibre length and centre's fibre distance (they depend only on the
    /// units and the counted fibre, which a what-if run requires unchanged).
    var unitFacts: StoredUnitFacts
    /// Per institution kind (`InstitutionKind.allCases` order), the institutions within fibre reach.
    var institutionReach: [Int]
    /// Per unit, each operator's share per mobile measure, when the run computed them
    /// (`--operator-areas`; an optional part, absent from runs without them).
    var operatorAreas: [[String: [Measure: Double]]]?
    /// The layout of the area stage's grid of every counted fibre segment (`FibreLayoutState`; nil:
    /// not kept, a what-if run reads every route).
    var fibreLayout: BoxGridLayout?

    /// The named BLOBs stored with the run, but for the parts named in `skipping`.
    func encoded(skipping: Set<String> = []) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        var w = StateWriter()
        w.int(Self.format)
        out["format"] = w.take()
        out["token"] = token
        w.strings(inputMarks)
        out["inputs"] = w.take()
        w.strings(operators)
        out["operators"] = w.take()
        w.strings(unitCodes)
        out["units"] = w.take()
        // Chunked: a what-if run rewrites only the chunks that changed.
        StateChunks.encode(tally: units, name: "unit-tally", into: &out)
        StateChunks.encode(tally: hamlets, name: "hamlet-tally", into: &out)
        StateChunks.encode(
            gaps: gaps, labels: gapLabels, starts: StateChunks.gapChunkStarts(cells), name: "gaps", into: &out)
        w.int(Int64(outsideLocations))
        w.int(Int64(outsideHouseholds))
        w.ints(outsideRowIDs)
        out["outside"] = w.take()
        StateChunks.encode(areaShares: areaShares, name: "areas", into: &out)
        areaBoxes.encode(into: &out)
        w.ints(unitFacts.centres.map { Int64(bitPattern: $0.x.bitPattern) })
        w.ints(unitFacts.centres.map { Int64(bitPattern: $0.y.bitPattern) })
        w.ints(unitFacts.areasKm2.map { Int64(bitPattern: $0.bitPattern) })
        w.ints(unitFacts.fibreKm.map { Int64(bitPattern: $0.bitPattern) })
        w.ints(unitFacts.centreDistancesM.map { $0 == nil ? 0 : 1 })
        w.ints(unitFacts.centreDistancesM.map { Int64(bitPattern: ($0 ?? 0).bitPattern) })
        out["unit-facts"] = w.take()
        w.ints(institutionReach.map(Int64.init))
        out["institution-reach"] = w.take()
        if let operatorAreas {
            w.operatorShares(operatorAreas)
            out["operator-areas"] = w.take()
        }
        if let fibreLayout { FibreLayoutState.encode(fibreLayout, into: &out) }
        guard !skipping.contains("cells") else { return out }
        // Sized first: the keys (4 bytes a location) are copied once, with no growing buffer.
        w.reserve(16 + 16 * cells.runs.count + 4 * cells.keys.count)
        w.int(Int64(cells.runs.count))
        for run in cells.runs {
            w.int(run.first)
            w.int(Int64(run.count))
        }
        w.uint32s(cells.keys)
        out["cells"] = w.take()
        return out
    }

    /// Decodes the parts of a stored run; nil when a part is missing, of another format, or malformed.
    init?(_ parts: [String: [UInt8]]) {
        guard let formatBytes = parts["format"], let token = parts["token"] else { return nil }
        var f = StateReader(formatBytes)
        guard f.int() == Self.format, f.atEnd else { return nil }
        func read<T>(_ name: String, _ body: (inout StateReader) -> T?) -> T? {
            guard let bytes = parts[name] else { return nil }
            var r = StateReader(bytes)
            guard let value = body(&r), r.atEnd else { return nil }
            return value
        }
        guard let inputMarks = read("inputs", { $0.strings() }),
            let operators = read("operators", { $0.strings() }),
            let unitCodes = read("units", { $0.strings() }),
            let units = StateChunks.tally(parts, name: "unit-tally"),
            let hamlets = StateChunks.tally(parts, name: "hamlet-tally"),
            let gapsAndLabels = StateChunks.gaps(parts, name: "gaps"),
            let outside = read(
                "outside",
                { r -> (Int, Int, [Int64])? in
                    guard let l = r.int(), let h = r.int(), let ids = r.ints() else { return nil }
                    return (Int(l), Int(h), ids)
                }),
            let areaShares = StateChunks.areaShares(parts, name: "areas"),
            let areaBoxes = AreaBoxState(parts), areaBoxes.units == unitCodes.count,
            let cells = read(
                "cells",
                { r -> LocationCells? in
                    guard let n = r.count(bytesEach: 16) else { return nil }
                    var c = LocationCells()
                    for _ in 0..<n {
                        guard let first = r.int(), let count = r.int(), count >= 0 else { return nil }
                        c.runs.append((first, Int(count)))
                    }
                    guard let keys = r.uint32s(), keys.count == c.runs.reduce(0, { $0 + $1.count }) else { return nil }
                    c.keys = keys
                    return c
                }),
            let unitFacts = read(
                "unit-facts",
                { r -> StoredUnitFacts? in
                    guard let xs = r.ints(), let ys = r.ints(), let areas = r.ints(), let fibre = r.ints(),
                        let present = r.ints(), let distances = r.ints(),
                        Set([xs.count, ys.count, areas.count, fibre.count, present.count, distances.count]).count == 1
                    else { return nil }
                    func double(_ v: Int64) -> Double { Double(bitPattern: UInt64(bitPattern: v)) }
                    var f = StoredUnitFacts()
                    f.centres = zip(xs, ys).map { Coordinate(double($0), double($1)) }
                    f.areasKm2 = areas.map(double)
                    f.fibreKm = fibre.map(double)
                    f.centreDistancesM = zip(present, distances).map { $0 == 1 ? double($1) : nil }
                    return f
                }),
            let institutionReach = read("institution-reach", { $0.ints()?.map { Int($0) } })
        else { return nil }
        self.token = token
        self.inputMarks = inputMarks
        self.operators = operators
        self.unitCodes = unitCodes
        self.units = units
        self.hamlets = hamlets
        (gaps, gapLabels) = gapsAndLabels
        (outsideLocations, outsideHouseholds, outsideRowIDs) = outside
        self.areaShares = areaShares
        self.areaBoxes = areaBoxes
        self.cells = cells
        self.unitFacts = unitFacts
        self.institutionReach = institutionReach
        if let bytes = parts["operator-areas"] {
            var r = StateReader(bytes)
            guard let shares = r.operatorShares(), r.atEnd, shares.count == unitCodes.count else { return nil }
            operatorAreas = shares
        }
        guard let fibreLayout = FibreLayoutState.decode(parts) else { return nil }
        self.fibreLayout = fibreLayout
    }

    init(
        inputMarks: [String], operators: [String], unitCodes: [String], output: LocationPassOutput,
        areaShares: [[Double?]], areaBoxes: AreaBoxState, unitFacts: StoredUnitFacts, institutionReach: [Int],
        operatorAreas: [[String: [Measure: Double]]]? = nil, gapLabels: [Int64] = [], fibreLayout: BoxGridLayout? = nil
    ) {
        token = (0..<16).map { _ in UInt8.random(in: 0...255) }
        self.inputMarks = inputMarks
        self.operators = operators
        self.unitCodes = unitCodes
        units = output.units
        hamlets = output.hamlets
        gaps = output.gaps
        self.gapLabels = gapLabels
        outsideLocations = output.outsideLocations
        outsideHouseholds = output.outsideHouseholds
        outsideRowIDs = output.outsideRowIDs
        self.areaShares = areaShares
        self.areaBoxes = areaBoxes
        cells = output.cells
        self.unitFacts = unitFacts
        self.institutionReach = institutionReach
        self.operatorAreas = operatorAreas
        self.fibreLayout = fibreLayout
    }
}

/// Appends little-endian integers, doubles and strings to a byte buffer.
struct StateWriter {
    private var bytes: [UInt8] = []

    /// The bytes written so far; the writer starts again empty.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Makes room for `n` more bytes.
    mutating func reserve(_ n: Int) { bytes.reserveCapacity(bytes.count + n) }

    mutating func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    /// A count and `n` values, the `k`-th being `value(k)`, little-endian.
    mutating func ints(_ n: Int, _ value: (Int) -> Int64) {
        int(Int64(n))
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 8 * n))
        bytes.withUnsafeMutableBytes { raw in
            for k in 0..<n { raw.storeBytes(of: value(k).littleEndian, toByteOffset: start + 8 * k, as: Int64.self) }
        }
    }
    mutating func double(_ v: Double) { int(Int64(bitPattern: v.bitPattern)) }
    /// A count and little-endian 32-bit values, copied in one piece.
    mutating func uint32s(_ v: [UInt32]) {
        int(Int64(v.count))
        littleEndian(v)
    }
    mutating func ints(_ v: [Int64]) {
        int(Int64(v.count))
        littleEndian(v)
    }
    mutating func strings(_ v: [String]) {
        int(Int64(v.count))
        for s in v {
            let utf8 = Array(s.utf8)
            int(Int64(utf8.count))
            bytes += utf8
        }
    }
    /// Per unit: its operators (sorted), and for each its measures (sorted) and their shares.
    mutating func operatorShares(_ v: [[String: [Measure: Double]]]) {
        int(Int64(v.count))
        for unit in v {
            let names = unit.keys.sorted()
            strings(names)
            for name in names {
                let shares = (unit[name] ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }
                strings(shares.map(\.key.rawValue))
                for (_, share) in shares { double(share) }
            }
        }
    }
    /// The values' little-endian bytes, in one piece: a plain copy on a little-endian host (a key-path
    /// `map(\.littleEndian)` cost ≈ 700 instructions a value, 4–5 s for the 27 M cell keys).
    private mutating func littleEndian<T: FixedWidthInteger>(_ v: [T]) {
        #if _endian(little)
            v.withUnsafeBytes { bytes += $0 }
        #else
            v.map { $0.littleEndian }.withUnsafeBytes { bytes += $0 }
        #endif
    }
}

/// Reads what `StateWriter` wrote; every read returns nil past the end.
struct StateReader {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }

    mutating func int() -> Int64? {
        guard bytes.count - at >= 8 else { return nil }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        at += 8
        return Int64(bitPattern: v)
    }
    mutating func double() -> Double? { int().map { Double(bitPattern: UInt64(bitPattern: $0)) } }
    /// A count of items of at least `bytesEach` bytes each, checked against the bytes left.
    mutating func count(bytesEach: Int) -> Int? {
        guard let n = int(), n >= 0, n <= (bytes.count - at) / bytesEach else { return nil }
        return Int(n)
    }
    mutating func uint32s() -> [UInt32]? {
        guard let n = count(bytesEach: 4) else { return nil }
        return values(n, as: UInt32.self)
    }
    mutating func ints() -> [Int64]? {
        guard let n = count(bytesEach: 8) else { return nil }
        return int64s(n)
    }

    /// `n` little-endian 64-bit values (the caller checked they are there).
    private mutating func int64s(_ n: Int) -> [Int64] { values(n, as: Int64.self) }

    /// `n` little-endian values of `T` (the caller checked they are there): one plain copy on a
    /// little-endian host (a load per value cost ≈ 17 instructions each, 0.085 G for the national
    /// run's 5 M cell keys).
    private mutating func values<T: FixedWidthInteger>(_ n: Int, as _: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        defer { at += size * n }
        guard n > 0 else { return [] }
        return bytes.withUnsafeBytes { raw in
            let source = UnsafeRawBufferPointer(rebasing: raw[at..<at + size * n])
            return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
                #if _endian(little)
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                    for k in 0..<n {
                        buffer[k] = T(littleEndian: source.loadUnaligned(fromByteOffset: size * k, as: T.self))
                    }
                #endif
                initialized = n
            }
        }
    }
    mutating func strings() -> [String]? {
        guard let n = count(bytesEach: 8) else { return nil }
        var out: [String] = []
        for _ in 0..<n {
            guard let m = count(bytesEach: 1) else { return nil }
            out.append(String(decoding: bytes[at..<at + m], as: UTF8.self))
            at += m
        }
        return out
    }
    /// What `StateWriter.operatorShares` wrote.
    mutating func operatorShares() -> [[String: [Measure: Double]]]? {
        guard let n = count(bytesEach: 8) else { return nil }
        var out: [[String: [Measure: Double]]] = []
        for _ in 0..<n {
            guard let names = strings() else { return nil }
            var unit: [String: [Measure: Double]] = [:]
            for name in names {
                guard let keys = strings() else { return nil }
                var shares: [Measure: Double] = [:]
                for raw in keys {
                    guard let measure = Measure(rawValue: raw), let share = double() else { return nil }
                    shares[measure] = share
                }
                unit[name] = shares
            }
            out.append(unit)
        }
        return out
    }
}
