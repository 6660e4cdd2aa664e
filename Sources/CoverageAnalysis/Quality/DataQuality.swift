import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels

/// One data-quality check: what was looked for, how many problems, and examples.
public struct QualityCheck: Sendable, Codable, Hashable {
    public enum Severity: String, Sendable, Codable { case error, warning, info }
    public var id: String
    public var title: String
    public var severity: Severity
    public var count: Int
    /// Up to 20 examples, each naming the feature(s) and the detail.
    public var examples: [String]
}

/// The outcome of `covaudit check`.
public struct QualityReport: Sendable, Codable {
    public var vintage: String?
    public var checks: [QualityCheck]
    /// Problems of severity error.
    public var errors: Int { checks.filter { $0.severity == .error }.reduce(0) { $0 + $1.count } }
}

/// Data-quality checks over a store: topology of admin units, validity, orphans, duplicates, dangling routes.
public struct DataQuality {
    public let store: Store
    /// Admin vintage to check (nil: the newest).
    public var vintage: String?
    /// Overlaps smaller than this (m²) are ignored (digitising noise).
    public var overlapToleranceM2 = 100.0
    /// A route end within this many metres of another route or a node is connected.
    public var danglingToleranceMetres = 10.0

    public init(store: Store) { self.store = store }

    /// Runs every check.
    public func run() throws -> QualityReport {
        let vintage = try self.vintage ?? store.newestVintage()
        var checks: [QualityCheck] = []
        let units = try vintage.map { try store.adminUnits(vintage: $0, level: .commune) } ?? []
        checks.append(try overlaps(vintage: vintage, units: units))
        checks.append(try gaps(vintage: vintage))
        checks.append(try invalidGeometries())
        let index = PolygonIndex(units.map(\.geometry))
        checks.append(try routesOutside(units: units))
        checks.append(try pointsOutside(.sites, title: "cell sites outside every commune", index: index))
        checks.append(try pointsOutside(.institutions, title: "institutions outside every commune", index: index))
        checks.append(try duplicates())
        checks.append(try dangling())
        return QualityReport(vintage: vintage, checks: checks)
    }

    private func check(_ id: String, _ title: String, _ severity: QualityCheck.Severity, _ items: [String])
        -> QualityCheck
    {
        QualityCheck(id: id, title: title, severity: severity, count: items.count, examples: Array(items.prefix(20)))
    }

    /// Pairs of communes of the vintage whose interiors overlap by more than the tolerance.
    private func overlaps(vintage: String?, units: [AdminUnit]) throws -> QualityCheck {
        let boxes = units.map { $0.geometry.boundingBox }
        var pairs: [(Int, Int)] = []
        for i in units.indices {
            for j in (i + 1)..<units.count {
                guard let a = boxes[i], let b = boxes[j], a.intersects(b) else { continue }
                pairs.append((i, j))
            }
        }
        let areas = try store.communeOverlapAreas(
            vintage: vintage ?? "", pairs: pairs.map { (units[$0.0].code, units[$0.1].code) })
        var found: [String] = []
        for ((i, j), area) in zip(pairs, areas) {
            if let area, area > overlapToleranceM2 {
                found.append(
                    "\(units[i].code) \(units[i].name) × \(units[j].code) \(units[j].name): "
                        + "\(Self.fixed(area / 1e6, 4)) km²")
            }
        }
        return check("admin-overlaps", "communes that overlap (vintage \(vintage ?? "none"))", .warning, found)
    }

    /// Parts of the province not covered by any commune, and holes inside the union of communes.
    private func gaps(vintage: String?) throws -> QualityCheck {
        guard let vintage else { return check("admin-gaps", "gaps between communes", .info, []) }
        var found: [String] = []
        if let result = try store.communeUnion(vintage: vintage) {
            if let uncovered = result.provinceOutsideM2, uncovered > overlapToleranceM2 {
                found.append("\(Self.fixed(uncovered / 1e6, 4)) km² of the province lie in no commune")
            }
            let holes = result.union?.polygons.reduce(0) { $0 + $1.holes.count } ?? 0
            if holes > 0 { found.append("\(holes) hole(s) inside the union of communes") }
        }
        return check("admin-gaps", "gaps between communes (vintage \(vintage))", .warning, found)
    }

    /// Features whose geometry GEOS says is invalid, in every polygonal and lineal layer.
    private func invalidGeometries() throws -> QualityCheck {
        let found = try store.invalidGeometries().map { "\($0.table) \($0.key): \($0.reason)" }
        return check("invalid-geometry", "invalid geometries (GEOS)", .error, found)
    }

    /// Routes that intersect no commune of the vintage.
    private func routesOutside(units: [AdminUnit]) throws -> QualityCheck {
        let title = "routes outside every commune"
        guard !units.isEmpty else { return check("routes-outside", title, .info, []) }
        let found = try store.routesOutsideCommunes(vintage: units[0].vintage).map { "routes \($0)" }
        return check("routes-outside", title, .warning, found)
    }

    /// Points of a layer that lie in no commune (Swift point-in-polygon, boundary inclusive).
    private func pointsOutside(_ layer: PointLayer, title: String, index: PolygonIndex) throws -> QualityCheck {
        let table = layer.rawValue
        guard index.count > 0 else { return check("\(table)-outside", title, .info, []) }
        var found: [String] = []
        try store.forEachPoint(of: layer) { point in
            let c = point.position
            if !index.contains(c) {
                found.append("\(table) \(point.id) at \(Self.fixed(c.x, 5)), \(Self.fixed(c.y, 5))")
            }
        }
        return check("\(table)-outside", title, .warning, found)
    }

    /// Ids used more than once within a layer (across datasets too).
    private func duplicates() throws -> QualityCheck {
        let found = try store.duplicateIDs().map { d in
            d.table == "hamlets" ? "hamlets code '\(d.id)' × \(d.count)" : "\(d.table) id '\(d.id)' × \(d.count)"
        }
        return check("duplicate-ids", "duplicate ids", .warning, found)
    }

    /// Fibre route ends that touch no other route and no node (within the tolerance).
    private func dangling() throws -> QualityCheck {
        let probes = try store.fibreRouteEnds().flatMap { route in
            [(route: route, label: "start", point: route.start), (route: route, label: "end", point: route.end)]
        }
        let counts = try store.connectionCounts(
            probes.map { (route: $0.route, point: $0.point) }, metres: danglingToleranceMetres,
            marginDegrees: danglingToleranceMetres / 100_000)
        var found: [String] = []
        for (probe, count) in zip(probes, counts) where count == 0 {
            let p = probe.point
            found.append("route \(probe.route.id) \(probe.label) at \(Self.fixed(p.x, 5)), \(Self.fixed(p.y, 5))")
        }
        return check("dangling-route-ends", "fibre route ends connected to no route or node", .info, found)
    }

    static func fixed(_ x: Double, _ d: Int) -> String { String(format: "%.\(d)f", x) }
}
