import ArgumentParser
import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

extension BenchWorkloadKind: ExpressibleByArgument {}

/// `covaudit bench`: times import and the full coverage analysis on a workload.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark: import a workload into a fresh store and run the coverage analysis, stage by stage.",
        discussion: """
            --kind peer reads the peer benchmark's workload (Benchmarks/bench/workload.py: communes, cov4g,
            cov5g, fibre, households.csv) and runs its queries Q0–Q4 (assignment, 4G/5G households, 4G/5G
            area share, households within 500 m of fibre, centre-to-fibre distance); --peer-csv writes the
            per-commune answers in the peers' CSV layout for cross-checking (Benchmarks/run.sh runs covaudit
            and the peers and compares). --kind synthetic reads a `covaudit generate` folder and runs the
            full coverage analysis (every measure, stored results).
            Prints wall seconds, throughput and peak memory per stage (table or JSON).
            """)

    @Option(help: "The workload folder.") var workload: String
    @Option(help: "peer or synthetic.") var kind: BenchWorkloadKind = .peer
    @Option(help: "Where to create the store (default: a temporary folder).") var work: String?
    @Option(name: .customLong("peer-csv"), help: "Write per-commune Q0–Q4 answers in the peers' CSV layout.")
    var peerCSV: String?
    @Option(name: [.short, .customLong("format")], help: "table or json.") var format: OutputFormat = .table
    @Flag(name: .customLong("skip-areas"), help: "Skip the area shares (Q2).") var skipAreas = false
    @Flag(help: "With --work: reuse the store a previous run left there (skip the import stages).") var reuse = false

    func validate() throws {
        if reuse && work == nil { throw ValidationError("--reuse needs --work (the folder holding the store)") }
    }

    func run() throws {
        let recorder = BenchRecorder()
        let workDir =
            work.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("covaudit-bench-\(getpid())")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        defer { if work == nil { try? FileManager.default.removeItem(at: workDir) } }
        let storePath = workDir.appendingPathComponent("bench.sqlite").path
        let store: Store
        if reuse && FileManager.default.fileExists(atPath: storePath) {
            store = try Store.open(at: storePath)
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            store = try recorder.measure("create store") { try Store.create(at: storePath) }
            try BenchWorkload(directory: URL(fileURLWithPath: workload), kind: kind).load(
                into: store, recorder: recorder)
        }
        var parameters = kind == .peer ? BenchWorkload.peerParameters() : CoverageParameters()
        if skipAreas { parameters.computeAreas = false }
        var analyzer = CoverageAnalyzer(store: store, parameters: parameters)
        let locations = try store.locationCount()
        analyzer.onStage = { name, seconds in
            recorder.record(
                "coverage: \(name)", seconds: seconds, items: name == "classify locations" ? locations : nil)
        }
        let result = try recorder.measure("coverage (total)") { try analyzer.run() }
        if let peerCSV { try PeerAnswers.write(result, to: peerCSV) }
        switch format {
        case .json:
            print(try ReportJSON.encode(BenchReport(workload: workload, kind: kind.rawValue, stages: recorder.stages)))
        case .table:
            var t = TextTable(["stage", "seconds", "items", "items/s", "peak RSS MiB"], numeric: [1, 2, 3, 4])
            for s in recorder.stages {
                t.add([
                    s.name, Formatting.fixed(s.seconds, 3), s.items.map(Formatting.grouped) ?? "",
                    s.itemsPerSecond.map { Formatting.grouped(Int($0)) } ?? "", Formatting.fixed(s.peakRSSMiB, 0),
                ])
            }
            print(t.render(), terminator: "")
        }
    }
}

/// The benchmark's JSON output.
struct BenchReport: Encodable {
    var workload: String
    var kind: String
    var stages: [BenchStage]
}

/// Per-commune answers to the peers' Q0–Q4 in their CSV layout (id,n_hh,hh4g,hh5g,frac4g,frac5g,hh_fib,dist_m).
enum PeerAnswers {
    static func write(_ r: CoverageResult, to path: String) throws {
        var out = "id,n_hh,hh4g,hh5g,frac4g,frac5g,hh_fib,dist_m\n"
        for u in r.units.sorted(by: { $0.code < $1.code }) {
            let c = u.coverage
            func f(_ x: Double?) -> String { String(format: "%.9f", x ?? 0) }
            out +=
                "\(u.code),\(u.households),\(c[.g4]?.households ?? 0),\(c[.g5]?.households ?? 0),"
                + "\(f(c[.g4]?.areaShare)),\(f(c[.g5]?.areaShare)),\(c[.fibre]?.households ?? 0),"
                + "\(f(u.fibre?.centreDistanceM))\n"
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try OutputFile.write(Array(out.utf8), to: path)
    }
}
