import CoverageModel

/// The layers a what-if run reads (issue 18): the coverage areas and routes it uses, and counts of
/// every row for the figures and notes.
extension ReadSnapshot {
    /// Every coverage-area row counted by generation and operator.
    public func coverageAreaCounts() throws -> [CoverageAreaCount] { try store.coverageAreaCounts() }

    /// Every route row counted by medium, status and operator.
    public func routeCounts() throws -> [RouteCount] { try store.routeCounts() }

    /// The coverage areas near `boxes` and from row id `first` on (the first added row; nil: none),
    /// ordered by id (see `Store.coverageAreas(near:fromRow:)`).
    public func coverageAreas(near boxes: [BoundingBox], fromRow first: Int64?) throws -> [CoverageArea] {
        try store.coverageAreas(near: boxes, fromRow: first)
    }

    /// The routes whose spatial-index box meets one of `boxes`, ordered by id.
    public func routes(near boxes: [BoundingBox]) throws -> [Route] { try store.routes(near: boxes) }

    /// The layers a what-if run reads besides its units: the coverage areas of
    /// `coverageAreas(near: coverage, fromRow: firstAdded)` and, with `routes`, the routes near those boxes (nil:
    /// every route, whole), with the counts of every coverage-area and route row.
    ///
    /// The coverage areas are read on a worker snapshot meanwhile, or here afterwards when the
    /// worker is refused.
    public func whatIfLayers(
        vintage: String, coverage: [BoundingBox], firstAdded: Int64?, routes routeBoxes: [BoundingBox]?
    ) throws -> WhatIfLayers {
        let workers = self.workers
        let lane = CallerLane(self)
        let (areas, rest) = ParallelChunks.both(
            { () -> Result<([CoverageArea], [CoverageAreaCount]), any Error>? in
                guard let worker = workers.open() else { return nil }
                return Result {
                    (try worker.coverageAreas(near: coverage, fromRow: firstAdded), try worker.coverageAreaCounts())
                }
            },
            {
                lane.run { snapshot in
                    Result { () throws -> (InputLayers, [RouteCount]) in
                        let layers = InputLayers(
                            province: try snapshot.adminUnits(vintage: vintage, level: .province).first,
                            routes: try routeBoxes.map(snapshot.routes(near:)) ?? snapshot.routes(),
                            nodes: try snapshot.nodes(), hamlets: try snapshot.hamlets(),
                            institutions: try snapshot.institutions(), coverageAreas: [])
                        return (layers, try snapshot.routeCounts())
                    }
                }
            })
        var (layers, routeCounts) = try rest.get()
        let (read, counts) =
            try areas?.get() ?? (try coverageAreas(near: coverage, fromRow: firstAdded), try coverageAreaCounts())
        layers.coverageAreas = read
        return WhatIfLayers(layers: layers, coverageCounts: counts, routeCounts: routeCounts)
    }
}

/// What a what-if run reads of the layers besides its communes.
public struct WhatIfLayers: Sendable {
    /// The layers, with only the coverage areas (and routes, when scoped) the run uses.
    public var layers: InputLayers
    /// Every coverage-area row counted by generation and operator.
    public var coverageCounts: [CoverageAreaCount]
    /// Every route row counted by medium, status and operator.
    public var routeCounts: [RouteCount]
}
