import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// A fixture folder with a store that already holds data (so "unchanged" means something).
struct E2EFixture {
    let dir: FixtureDirectory
    /// The store's path: `store.sqlite` in the folder.
    let store: String

    /// A fresh folder with a copy of the seeded template store.
    init(_ label: String = "e2e") throws {
        dir = try FixtureDirectory(label, in: E2EScratch.root)
        store = dir.path("store.sqlite")
        try FileManager.default.copyItem(atPath: try Self.template(), toPath: store)
    }

    /// Writes UTF-8 text to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try dir.write(name, text) }

    /// Writes bytes to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String { try dir.write(name, bytes: bytes) }

    /// `import LAYER FILE --db store -q` plus `extra`.
    func importArgs(_ layer: String, _ file: String, _ extra: [String] = []) -> [String] {
        ["import", layer, file, "--db", store, "-q"] + extra
    }

    /// `h.gpkg` in the folder: one household point (`G1`) as a GeoPackage layer `h`, made by ogr2ogr.
    func geoPackageOfOnePoint() throws -> String {
        let source = try write(
            "h.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(#"{"type":"Point","coordinates":[105.05,21.05]}"#, #"{"ext_id":"G1"}"#)
            ]))
        let gpkg = dir.path("h.gpkg")
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let made = try ProcessRunner.run(tool, [gpkg, source, "-nln", "h"])
        try #require(made.status == 0, "\(made.stderr)")
        return gpkg
    }

    /// Opens the store in-process (read-only) for checks.
    func open() throws -> Store { try Store.open(at: store, readOnly: true) }

    /// Builds the seeded template store once per test process: two communes, three households,
    /// one institution, each from its own dataset.
    private static func template() throws -> String {
        try templateResult.get()
    }

    private static let templateResult: Result<String, any Error> = Result {
        let dir = try FixtureDirectory("template", in: E2EScratch.root)
        let path = dir.path("template.sqlite")
        do {
            let store = try Store.create(at: path)
            let communes = try dir.write(
                "seed-communes.geojson",
                GeoJSONText.collection([
                    GeoJSONText.feature(
                        GeoJSONText.square(105.8, 21.5, 0.1), #"{"code":"00001","name":"Xã Một","province_code":"19"}"#),
                    GeoJSONText.feature(
                        GeoJSONText.square(105.9, 21.5, 0.1), #"{"code":"00002","name":"Xã Hai","province_code":"19"}"#),
                ]))
            _ = try store.importFile(communes, options: ImportOptions(layer: .communes))
            let households = try dir.write(
                "seed-households.csv",
                "id,lon,lat,households,persons\nS1,105.85,21.55,2,7\nS2,105.86,21.56,1,3\nS3,105.95,21.52,1,4\n")
            _ = try store.importFile(households, options: ImportOptions(layer: .households))
            let institutions = try dir.write(
                "seed-institutions.csv",
                "id,kind,name,lon,lat,connection,evidence\nI1,school,Trường Một,105.84,21.59,fibre,measured\n")
            _ = try store.importFile(institutions, options: ImportOptions(layer: .institutions))
        }
        return path
    }
}

/// One scratch folder per test process for every end-to-end fixture (stores are several MB
/// each), removed when the process exits; folders left by killed runs are removed next time.
enum E2EScratch {
    static let root: URL = {
        let tmp = FileManager.default.temporaryDirectory
        let prefix = "covaudit-e2e-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        let root = tmp.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: E2EScratch.root) }
        return root
    }()
}

/// Large generated inputs for the kill and concurrency tests.
enum LargeInput {
    /// Writes a households CSV of `rows` rows with ids `prefix0…` inside Vietnam; returns its path.
    @discardableResult
    static func householdsCSV(rows: Int, prefix: String = "H", to path: String) throws -> String {
        var out = [UInt8]()
        out.reserveCapacity(rows * 40)
        out += Array("id,lon,lat,households,persons\n".utf8)
        let digits = Array("0123456789".utf8)
        func append(_ n: Int, width: Int) {
            var v = n
            var tmp = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var i = width - 1
            while v > 0, i >= 0 {
                tmp[i] = digits[v % 10]
                v /= 10
                i -= 1
            }
            out += tmp
        }
        let idPrefix = Array(prefix.utf8)
        for i in 0..<rows {
            out += idPrefix
            append(i, width: 7)
            out += Array(",105.".utf8)
            append(i % 1000, width: 4)
            out += Array(",21.".utf8)
            append((i / 1000) % 1000, width: 4)
            out += Array(",1,4\n".utf8)
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The parts of `covaudit info -f json` the tests check.
struct InfoJSON: Equatable {
    /// Rows per layer.
    var counts: [String: Int]
    /// The sum of household counts.
    var households: Int
    /// Dataset ids with their row counts.
    var datasetRows: [Int: Int]

    /// Parses `info -f json` output; nil when it is not that.
    init?(_ stdout: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
            let counts = object["counts"] as? [String: Int], let households = object["households"] as? Int,
            let datasets = object["datasets"] as? [[String: Any]]
        else { return nil }
        self.counts = counts
        self.households = households
        var rows: [Int: Int] = [:]
        for d in datasets {
            if let id = d["id"] as? Int, let n = d["row_count"] as? Int { rows[id] = n }
        }
        datasetRows = rows
    }
}
