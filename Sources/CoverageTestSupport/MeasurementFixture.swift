import CoverageModel
import CoverageStore
import Foundation

/// A canonical measurements CSV with every kind of gap: operators that first appear late, missing
/// times, speeds, signal, technology and environment, for tests of the measurement readers.
public enum MeasurementFixture {
    /// `count` rows, every one importable (each has a measured value); row `i` has id `<prefix><i>`.
    ///
    /// Operators cycle through three names with every fifth row unnamed, and a fourth name appears
    /// only in the last third (so a reader working in ranges meets it late).
    public static func csv(rows count: Int, idPrefix prefix: String = "M") -> String {
        var lines = [
            "id,time,operator,technology,download_mbps,upload_mbps,latency_ms,rsrp_dbm,source,environment,lon,lat"
        ]
        for i in 0..<count {
            let late = i >= count * 2 / 3 && i % 4 == 1
            let name = late ? "Late" : (i % 5 == 4 ? "" : ["Viettel", "VNPT", "MobiFone"][i % 3])
            let time =
                i % 11 == 3
                ? ""
                : "2025-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28))T0\(i % 10):15:00Z"
            let technology = ["2G", "3G", "4G", "5G", "", "4G"][i % 6]
            let download = i % 7 == 0 ? "" : String(format: "%.3f", Double(i % 97) * 1.25)
            let upload = i % 9 == 0 ? "" : String(format: "%.3f", Double(i % 31) * 0.5)
            let latency = i % 13 == 0 && i % 7 != 0 ? "" : "\(10 + i % 70)"  // never with the download
            let rsrp = i % 4 == 0 ? "" : "-\(70 + i % 50)"
            let source = i % 3 == 0 ? "drive-test" : "crowd-app"
            let environment = ["indoor", "outdoor", ""][i % 3]
            let lon = 105 + Double(i % 113) / 1000
            let lat = 21 + Double(i % 89) / 1000
            lines.append(
                "\(prefix)\(i),\(time),\(name),\(technology),\(download),\(upload),\(latency),\(rsrp),\(source),\(environment),"
                    + "\(lon),\(lat)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fresh store in `dir` holding `rows` fixture rows (ids `M0`…), imported as one dataset.
    ///
    /// - Throws: when the import fails or leaves a row out.
    public static func store(rows: Int, in dir: FixtureDirectory) throws -> Store {
        let store = try dir.store()
        let file = try dir.write("measurements.csv", csv(rows: rows))
        let imported = try store.importFile(file, options: ImportOptions(layer: .measurements)).rows
        guard imported == rows else { throw FixtureError("imported \(imported) of \(rows) fixture rows") }
        return store
    }
}

/// A fixture that could not be made as asked.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
