import CoverageModel

/// The layers an analysis reads, as model values, all from the snapshot's contents.
extension ReadSnapshot {
    /// Admin units of one vintage (and level, when given), ordered by code; the geometry of those
    /// outside `scope` is empty.
    public func adminUnits(vintage: String? = nil, level: AdminLevel? = nil, geometry scope: GeometryScope = .all)
        throws -> [AdminUnit]
    {
        try store.adminUnits(vintage: vintage, level: level, geometry: scope)
    }

    /// Every hamlet, ordered by code.
    public func hamlets() throws -> [Hamlet] { try store.hamlets() }

    /// Every transmission route, ordered by id; the geometry of those outside `scope` is empty.
    public func routes(geometry scope: GeometryScope = .all) throws -> [Route] { try store.routes(geometry: scope) }

    /// Every network node, ordered by id.
    public func nodes() throws -> [NetworkNode] { try store.nodes() }

    /// Every coverage area, ordered by id; the geometry of those outside `scope` is empty.
    public func coverageAreas(geometry scope: GeometryScope = .all) throws -> [CoverageArea] {
        try store.coverageAreas(geometry: scope)
    }

    /// Every institution, ordered by id.
    public func institutions() throws -> [Institution] { try store.institutions() }

    /// Unit statistics of one vintage: code → (households, persons).
    public func unitStatistics(vintage: String) throws -> [String: (households: Int?, persons: Int?)] {
        try store.unitStatistics(vintage: vintage)
    }

    /// The vintages that have unit statistics.
    public func statisticsVintages() throws -> [String] { try store.statisticsVintages() }

    /// The crosswalk from one vintage to another, ordered by old code then new code.
    public func crosswalk(from oldVintage: String, to newVintage: String) throws -> [CrosswalkEntry] {
        try store.crosswalk(from: oldVintage, to: newVintage)
    }

    /// Vintages that have a crosswalk to `newVintage`.
    public func crosswalkSources(to newVintage: String) throws -> [String] {
        try store.crosswalkSources(to: newVintage)
    }

    /// The vintage of the most recently imported communes, or nil when there are none.
    public func newestVintage() throws -> String? { try store.newestVintage() }

    /// Every admin vintage in the store, sorted.
    public func vintages() throws -> [String] { try store.vintages() }

    /// The layers a coverage run reads besides its units.
    ///
    /// The coverage areas (the largest layer) are read on a worker snapshot meanwhile, or here
    /// afterwards when the worker is refused. The coverage areas outside `scope` and the routes
    /// outside `routeScope` (nil: `scope`) have an empty geometry.
    public func inputLayers(
        vintage: String, geometry scope: GeometryScope = .all, routes routeScope: GeometryScope? = nil
    )
        throws -> InputLayers
    {
        let workers = self.workers
        let lane = CallerLane(self)
        let (coverage, rest) = ParallelChunks.both(
            { () -> Result<[CoverageArea], any Error>? in
                guard let worker = workers.open() else { return nil }
                return Result { try worker.coverageAreas(geometry: scope) }
            },
            {
                lane.run { snapshot in
                    Result { () throws -> InputLayers in
                        InputLayers(
                            province: try snapshot.adminUnits(vintage: vintage, level: .province).first,
                            routes: try snapshot.routes(geometry: routeScope ?? scope), nodes: try snapshot.nodes(),
                            hamlets: try snapshot.hamlets(),
                            institutions: try snapshot.institutions(), coverageAreas: [])
                    }
                }
            })
        var layers = try rest.get()
        layers.coverageAreas = try coverage?.get() ?? coverageAreas(geometry: scope)
        return layers
    }
}

/// The layers of a coverage run other than its communes, as read from one snapshot.
public struct InputLayers: Sendable {
    /// The province unit of the vintage, if imported.
    public var province: AdminUnit?
    /// Every route, ordered by id.
    public var routes: [Route]
    /// Every network node, ordered by id.
    public var nodes: [NetworkNode]
    /// Every hamlet, ordered by code.
    public var hamlets: [Hamlet]
    /// Every institution, ordered by id.
    public var institutions: [Institution]
    /// Every coverage area, ordered by id.
    public var coverageAreas: [CoverageArea]
}
