import Foundation

/// Classified-location tallies shared between runs that differ only in definitions applied after
/// classification (hamlet rule, areas), so an audit's alternatives don't classify every location again.
///
/// Valid for one store snapshot: create one per audit or report, not for a long-lived process.
///
/// `@unchecked Sendable`: `entries` is only read or written while holding `lock`.
public final class LocationPassCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [CoverageParameters: LocationPassOutput] = [:]

    public init() {}

    /// The parameters that decide the classification tallies (others are reset).
    static func key(_ p: CoverageParameters, vintage: String) -> CoverageParameters {
        var k = p
        k.vintage = vintage
        k.hamletRule = .any
        k.grouping = .commune
        k.computeAreas = false
        k.gapAreas = false
        k.areaTechnologies = nil
        k.storeLocationResults = false
        k.minimumEvidence = .declared
        k.minimumSpeedMbps = nil
        return k
    }

    func output(for key: CoverageParameters) -> LocationPassOutput? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ output: LocationPassOutput, for key: CoverageParameters) {
        var kept = output
        kept.rows = nil  // per-location rows are only written once, by the run that stores them
        lock.lock()
        entries[key] = kept
        lock.unlock()
    }
}
