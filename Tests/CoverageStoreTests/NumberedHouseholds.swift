import CoverageStore
import CoverageTestSupport

/// Households numbered H0…H(n-1) along a diagonal, with varied household and person counts (every
/// fifth without persons): the stores the scattered-id reading tests read from.
enum NumberedHouseholds {
    /// A store in `dir` holding `count` numbered households.
    static func store(count: Int, in dir: FixtureDirectory) throws -> Store {
        let store = try dir.store()
        var csv = "id,lon,lat,households,persons\n"
        for k in 0..<count {
            csv +=
                "H\(k),\(105 + Double(k) * 1e-3),\(21 + Double(k) * 1e-4),\(k % 4 + 1),\(k % 5 == 0 ? "" : String(k))\n"
        }
        _ = try store.importFile(try dir.write("hh.csv", csv), options: ImportOptions(layer: .households))
        return store
    }
}
