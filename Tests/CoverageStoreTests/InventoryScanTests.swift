import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// `inventory(scanningHouseholds: false)` (what the report reads) is the full inventory without
/// the household totals and the extent, which need a scan of every household and R*Tree.
@Suite struct InventoryScanTests {
    @Test func withoutTheScanEveryOtherFieldIsTheSame() throws {
        let (_, store) = try FictionalStores.demoStore()
        var full = try store.inventory()
        #expect(full.households > 0)
        #expect(full.extent != nil)
        let quick = try store.inventory(scanningHouseholds: false)
        #expect(quick.households == 0 && quick.persons == nil && quick.extent == nil)
        full.households = 0
        full.persons = nil
        full.extent = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(quick) == encoder.encode(full))
        #expect(quick.syntheticLayers == full.syntheticLayers)
    }
}
