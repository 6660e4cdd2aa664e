import CoverageFormats
import CoverageModel
import Foundation

/// The canonical measurement CSV columns (what `import` reads without any mapping).
public let measurementColumns = [
    "id", "time", "operator", "technology", "download_mbps", "upload_mbps", "latency_ms", "rsrp_dbm", "rsrq_db",
    "sinr_db", "source", "test_id", "device_id", "environment", "lon", "lat",
]

/// Writes `measurements.csv` (streamed row by row), `probes.csv`, `measurements-truth.json` and optionally
/// `speed-tiles.csv` for a generated territory's coverage, hamlets and routes.
struct MeasurementGenerator {
    let index: CoverageIndex
    let hamlets: [GeneratedHamlet]
    /// Lines a drive test can follow (the non-microwave routes: roads in a real territory).
    let drivable: [[Coordinate]]
    let lattice: Lattice
    let seed: UInt64
    let parameters: MeasurementParameters

    /// The generator for a planned territory: its recorded cells, drivable routes, hamlets and lattice.
    init(
        planner: CellPlanner, network: NetworkPlanner, hamlets: [GeneratedHamlet], lattice: Lattice, seed: UInt64,
        parameters: MeasurementParameters
    ) {
        index = CoverageIndex(cells: planner.recordedCells ?? [])
        self.hamlets = hamlets
        drivable = network.routes.filter { $0.medium != .microwave && $0.line.count > 1 }.map(\.line)
        self.lattice = lattice
        self.seed = seed
        self.parameters = parameters
    }

    /// Share of regular tests taken by drive-test sessions (the rest are crowd-app speed tests).
    static let driveTestShare = 0.25
    /// Share of crowd-app tests that report RSRP (apps often cannot read it).
    static let crowdSignalShare = 0.7
    /// Share of crowd-app tests taken indoors.
    static let crowdIndoorShare = 0.5
    /// Share of tests inside an operator's 5G polygon that run on 5G.
    static let fiveGShare = 0.7

    /// The mutable state of one run: the random stream, the writers and the tallies.
    private struct Run {
        var rng: Rng
        let writer: CSVWriter
        var tiles: SpeedTileAccumulator?
        var planted: [PlantTarget]
        var lookup: [UInt64: Int]
        var tally: [(tests: Int, passing: Int)]
        var written = 0
    }

    /// Generates and writes every file; returns the truth it wrote.
    func write(to directory: URL, progress: (String) -> Void) throws -> MeasurementTruth {
        try parameters.validate()
        let clock = TestClock(windowEnd: parameters.windowEnd ?? 0)
        var rng = Rng(seed: seed, stream: 50_000_001)
        let declared = PlantedCells.eligibleDeclared(index, lattice: lattice)
        let undeclared = PlantedCells.eligibleUndeclared(index, hamlets: hamlets, operators: Operators.names.count)
        let (nOver, nUnder) = PlantedCells.counts(
            declared: declared.count, undeclared: undeclared.count, parameters)
        let planted = PlantedCells.sample(declared, nOver, &rng) + PlantedCells.sample(undeclared, nUnder, &rng)
        progress(
            "measurements: \(planted.count) planted cells (\(nOver) of \(declared.count) declared, "
                + "\(nUnder) of \(undeclared.count) undeclared)")

        var run = Run(
            rng: Rng(seed: seed, stream: 50_000_000),
            writer: try CSVWriter(
                path: directory.appendingPathComponent("measurements.csv").path, header: measurementColumns),
            tiles: parameters.speedTiles ? SpeedTileAccumulator() : nil, planted: planted,
            lookup: Dictionary(planted.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a }),
            tally: planted.map { _ in (0, 0) })

        // Planted tests first, cell by cell, all valid in time.
        for (k, target) in planted.enumerated() {
            let b = Zoom16.bounds(Int(target.tile >> 16), Int(target.tile & 0xFFFF))
            for _ in 0..<parameters.testsPerPlantedCell {
                var p = target.anchor
                for _ in 0..<30 {
                    let q = Coordinate(
                        b.minX + run.rng.uniform(0.02, 0.98) * (b.maxX - b.minX),
                        b.minY + run.rng.uniform(0.02, 0.98) * (b.maxY - b.minY))
                    if lattice.commune(at: q) != nil {
                        p = q
                        break
                    }
                }
                let drive = run.rng.chance(0.3)
                let device =
                    drive
                    ? 2_000_000 + UInt32(target.operatorIndex) * 4 + UInt32(run.rng.int(4))
                    : 1_000_000 + UInt32(k) * 8 + UInt32(run.rng.int(8))
                try emit(
                    &run, at: p, op: target.operatorIndex, tech: target.technology,
                    source: drive ? .driveTest : .crowdApp, time: clock.valid(&run.rng), device: device,
                    session: nil)
            }
        }

        // Regular tests: crowd-app tests around hamlets, drive-test sessions along roads.
        let hamletWeights = cumulativeSums(hamlets.map { Double(max(1, $0.households)) })
        var session = 0
        while run.written < parameters.count {
            if !drivable.isEmpty, run.rng.chance(Self.driveTestShare) {
                session += 1
                try driveSession(&run, number: session, clock: clock)
            } else {
                let h = run.rng.pick(cumulative: hamletWeights)
                let hamlet = hamlets[h]
                var p = hamlet.position
                for _ in 0..<6 {
                    let q = Metres.offset(
                        hamlet.position, run.rng.gaussian() * hamlet.sigmaMetres,
                        run.rng.gaussian() * hamlet.sigmaMetres)
                    if lattice.commune(at: q) != nil {
                        p = q
                        break
                    }
                }
                let op = run.rng.pick(cumulative: Operators.share)
                try emit(
                    &run, at: p, op: op, tech: nil, source: .crowdApp, time: clock.any(&run.rng),
                    device: UInt32(h * 3 + op) * 8 + UInt32(run.rng.int(8)), session: nil)
            }
            if run.written % 1_000_000 == 0 { progress("measurements: \(run.written)") }
        }
        _ = try run.writer.finish()
        let tileRows = try run.tiles?.write(to: directory.appendingPathComponent("speed-tiles.csv").path) ?? 0
        let probes = try ProbeGenerator(seed: seed, windowEnd: Int(parameters.windowEnd ?? 0)).write(to: directory)

        func cells(_ overDeclared: Bool) -> [PlantedCell] {
            planted.indices.filter { planted[$0].overDeclared == overDeclared }.map { k in
                PlantedCell(
                    quadkey: Zoom16.quadkey(planted[k].tile).digits,
                    operatorName: Operators.names[planted[k].operatorIndex],
                    technology: planted[k].technology.rawValue, tests: run.tally[k].tests,
                    passing: run.tally[k].passing)
            }.sorted { ($0.quadkey, $0.operatorName, $0.technology) < ($1.quadkey, $1.operatorName, $1.technology) }
        }
        let truth = MeasurementTruth(
            parameters: parameters, seed: seed, measurements: run.written, eligibleDeclaredCells: declared.count,
            eligibleUndeclaredCells: undeclared.count, referenceDownloadMbps: 10, referenceUploadMbps: 1,
            referenceRsrpDbm: -110, overDeclared: cells(true), undeclaredServed: cells(false), speedTiles: tileRows,
            probes: probes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(truth)
        data.append(0x0A)
        try OutputFile.write(data, to: directory.appendingPathComponent("measurements-truth.json").path)
        progress(
            "measurements: \(run.written) tests, \(tileRows) speed tiles; probes: \(probes.tests) tests at "
                + "\(probes.schools) schools (\(probes.failingInstitutions.count) failing) and \(probes.fixedProbes) "
                + "other institutions")
        return truth
    }

    /// One drive-test session: one operator's unit driving along a route, a test every vertex.
    private func driveSession(_ run: inout Run, number: Int, clock: TestClock) throws {
        let line = run.rng.element(drivable)
        let op = run.rng.pick(cumulative: Operators.share)
        let unit = run.rng.int(4)
        var time = clock.any(&run.rng)
        let length = 10 + run.rng.int(30)
        var vertex = run.rng.int(line.count)
        for _ in 0..<length where run.written < parameters.count && vertex < line.count {
            let p = Metres.offset(line[vertex], run.rng.gaussian() * 10, run.rng.gaussian() * 10)
            try emit(
                &run, at: p, op: op, tech: nil, source: .driveTest, time: time,
                device: 2_000_000 + UInt32(op * 4 + unit), session: number)
            time += 20 + run.rng.int(60)
            vertex += 1
        }
    }

    /// Draws and writes one test at `p` (technology drawn unless given); tallies planted cells and tiles.
    private func emit(
        _ run: inout Run, at p: Coordinate, op: Int, tech given: Technology?, source: MeasurementSource, time: Int,
        device: UInt32, session: Int?
    ) throws {
        let tech =
            given
            ?? (index.lookup(p, op, .g5).inside && run.rng.chance(Self.fiveGShare) ? Technology.g5 : .g4)
        let (x, y) = Zoom16.tile(p)
        let tile = Zoom16.key(x, y)
        let drive = source == .driveTest
        let signal = drive || run.rng.chance(Self.crowdSignalShare)
        let indoor = !drive && run.rng.chance(Self.crowdIndoorShare)
        let values: MeasuredValues
        if let k = run.lookup[PlantTarget.key(tile, op, tech)] {
            values =
                run.planted[k].overDeclared
                ? MeasurementModel.overDeclared(tech, &run.rng) : MeasurementModel.served(tech, ratio: 0.6, &run.rng)
            run.tally[k].tests += 1
            if values.passes(signalRecorded: signal) { run.tally[k].passing += 1 }
        } else {
            let position = index.lookup(p, op, tech)
            values =
                position.inside
                ? MeasurementModel.served(tech, ratio: position.distance, &run.rng)
                : MeasurementModel.unserved(beyond: position.distance, &run.rng)
        }
        run.written += 1
        let row = MeasurementRow(
            number: run.written, time: time, operatorIndex: op, technology: tech, values: values,
            signalRecorded: signal, source: source, session: session,
            device: drive ? Int(device) - 2_000_000 - op * 4 + 1 : Int(device), indoor: indoor, position: p)
        row.append(to: run.writer.sink)
        try run.writer.sink.flushIfNeeded()
        if source == .crowdApp, run.tiles != nil {
            run.tiles?.add(
                tile: tile, download: values.download, upload: values.upload, latency: values.latency, device: device)
        }
    }
}
