import CoverageModel
import CoverageStore

/// What was imported since a stored run, as a what-if run reads it (issue 18): the added coverage
/// areas, where their rows start, and the rows added per layer.
struct WhatIfAddedRows {
    /// Added coverage areas (operator filter applied), by generation, in row order.
    var added: [Technology: [CoverageArea]] = [:]
    /// The row id of the first added coverage area, whatever its operator (nil: none): a what-if
    /// run reads every coverage row from it on.
    var firstCoverageRow: Int64?
    /// Rows added per layer name, for the stderr line.
    var counts: [String: Int] = [:]

    /// The rows added by `changes`, or why a what-if run cannot take them (the stderr reason; `run`
    /// names the stored run in it).
    static func read(
        _ snapshot: ReadSnapshot, changes: RunInputChanges, parameters: CoverageParameters, run: String
    ) throws -> Result<WhatIfAddedRows, WhatIfRefusal> {
        let statuses: Set<InfrastructureStatus> = parameters.includePlanned ? [.active, .planned] : [.active]
        var rows = WhatIfAddedRows()
        var coverageIDs: [Int64] = []
        for d in changes.added {
            switch Layer(rawValue: d.layer) {
            case .coverage: coverageIDs.append(d.id)
            case .sites: break  // coverage reads no site
            case .routes:
                // Counted routes change the network (not local, D18); the others change nothing.
                if try snapshot.routes(datasets: [d.id]).contains(where: {
                    $0.medium == .fibre && statuses.contains($0.status)
                }) {
                    return .failure(WhatIfRefusal("fibre routes counted by this run were imported since \(run)"))
                }
            case .nodes:
                if try snapshot.nodes(datasets: [d.id]).contains(where: { statuses.contains($0.status) }) {
                    return .failure(WhatIfRefusal("network nodes counted by this run were imported since \(run)"))
                }
            default: return .failure(WhatIfRefusal("\(d.layer) imported since \(run)"))
            }
            rows.counts[Layer(rawValue: d.layer)?.rawValue ?? d.layer, default: 0] += d.rowCount
        }
        guard !coverageIDs.isEmpty else { return .success(rows) }
        let read = try snapshot.coverageAreas(datasets: coverageIDs)
        rows.firstCoverageRow = read.firstRowID
        let op = parameters.operatorName
        for area in read.areas where op == nil || area.operatorName == op {
            rows.added[area.technology, default: []].append(area)
        }
        return .success(rows)
    }
}

/// Why a what-if run cannot start, for stderr.
struct WhatIfRefusal: Error {
    let text: String

    init(_ text: String) { self.text = text }
}
