import ArgumentParser
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit info`: what the store holds.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Counts per layer, route lengths, coverage areas, extent and dataset provenance.")

    @OptionGroup var store: StoreOptions
    @Option(name: [.short, .customLong("format")], help: "Output format: table or json.") var format: OutputFormat =
        .table

    func run() throws {
        let summary = try Store.open(at: store.storePath, readOnly: true).inventory()
        switch format {
        case .json: print(try JSONOutput.encode(summary))
        case .table: printText(InventoryTable.render(summary), terminator: "")
        }
    }
}

/// Renders an inventory summary as plain-text tables.
enum InventoryTable {
    static func render(_ s: InventorySummary) -> String {
        var out = ""
        var layers = TextTable(["layer", "rows"], numeric: [1])
        // The evidence layers are listed even when empty (the inventory names them only once they hold rows).
        var counts = s.counts
        for layer in Layer.allCases where layer.isEvidence && counts[layer.rawValue] == nil {
            counts[layer.rawValue] = 0
        }
        for (name, n) in counts.sorted(by: { $0.key < $1.key }) { layers.add([name, Formatting.grouped(n)]) }
        out += layers.render()
        out += "households (sum of unit counts): \(Formatting.grouped(s.households))"
        out += s.persons.map { ", persons: \(Formatting.grouped($0))" } ?? ", persons: not recorded for every location"
        out += "\n"
        if let e = s.extent {
            out +=
                "extent: lon \(Formatting.fixed(e[0], 5))…\(Formatting.fixed(e[2], 5)), "
                + "lat \(Formatting.fixed(e[1], 5))…\(Formatting.fixed(e[3], 5))\n"
        }
        if !s.adminUnits.isEmpty {
            var t = TextTable(["vintage", "level", "units"], numeric: [2])
            for g in s.adminUnits { t.add([g.vintage, g.level, Formatting.grouped(g.units)]) }
            out += "\nadmin units\n" + t.render()
        }
        if !s.routesByOperator.isEmpty {
            out +=
                "\nroutes: \(Formatting.grouped(s.counts["routes"] ?? 0)), \(Formatting.fixed(s.routeLengthKm, 1)) km\n"
            for (title, groups) in [
                ("operator", s.routesByOperator), ("medium", s.routesByMedium), ("level", s.routesByLevel),
                ("status", s.routesByStatus),
            ] {
                var t = TextTable([title, "routes", "km"], numeric: [1, 2])
                for g in groups { t.add([g.key, Formatting.grouped(g.routes), Formatting.fixed(g.lengthKm, 1)]) }
                out += t.render()
            }
        }
        if !s.coverage.isEmpty {
            var t = TextTable(["operator", "technology", "areas"], numeric: [2])
            for g in s.coverage { t.add([g.operatorName, g.technology, Formatting.grouped(g.areas)]) }
            out += "\ncoverage areas\n" + t.render()
        }
        if !s.exclusions.isEmpty {
            var t = TextTable(["dataset", "layer", "file", "reason", "rows excluded"], numeric: [0, 4])
            for e in s.exclusions {
                t.add([String(e.datasetID), e.layer, e.fileName, e.reason.rawValue, Formatting.grouped(e.count)])
            }
            out += "\nrows left out by imports\n" + t.render()
        }
        if !s.datasets.isEmpty {
            var t = TextTable(
                ["id", "layer", "file", "format", "rows", "imported", "as of", "sha256"], numeric: [0, 4])
            for d in s.datasets {
                t.add([
                    String(d.id), d.layer, d.fileName, d.format, Formatting.grouped(d.rowCount), d.importedAt,
                    d.asOf ?? "", String(d.sha256.prefix(16)),
                ])
            }
            out += "\ndatasets\n" + t.render()
        }
        return out
    }
}
