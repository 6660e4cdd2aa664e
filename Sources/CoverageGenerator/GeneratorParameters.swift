import CoverageModel

/// The region a territory is generated in: a bounding box and, optionally, a fixed outline.
public struct RegionSpec: Codable, Sendable, Equatable {
    /// West edge (degrees longitude).
    public var minLon: Double
    /// South edge (degrees latitude).
    public var minLat: Double
    /// East edge (degrees longitude).
    public var maxLon: Double
    /// North edge (degrees latitude).
    public var maxLat: Double
    /// A fixed outline as [lon, lat] pairs (not closed); nil draws an irregular blob inside the box.
    public var outline: [[Double]]?

    /// A region from its box and optional outline.
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double, outline: [[Double]]? = nil) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
        self.outline = outline
    }
}

/// Everything that determines a generated territory: same parameters and version → same bytes.
public struct GeneratorParameters: Codable, Sendable, Equatable {
    /// The generator algorithm version (bumped whenever output for a given seed changes).
    public static let currentVersion = 1

    /// The named scale the targets came from.
    public var scale: Scale
    /// The seed of every random stream.
    public var seed: UInt64
    /// The generator algorithm version these parameters were written by.
    public var generatorVersion: Int
    /// Number of communes (including enclave communes).
    public var communes: Int
    /// Total households (sum of the `households` column of the household file).
    public var households: Int
    /// Fewest hamlets in a commune.
    public var minHamletsPerCommune: Int
    /// Most hamlets in a commune.
    public var maxHamletsPerCommune: Int
    /// Number of towns (urban centres with wards, 5G and POPs).
    public var towns: Int
    /// Number of 2G coverage polygons (cells).
    public var cells2G: Int
    /// Number of 3G coverage polygons (cells).
    public var cells3G: Int
    /// Number of 4G coverage polygons (cells).
    public var cells4G: Int
    /// Number of 5G coverage polygons (cells).
    public var cells5G: Int
    /// Number of transmission routes.
    public var routes: Int
    /// The territory's region.
    public var region: RegionSpec
    /// Side of one raster cell of the commune lattice, in degrees of longitude.
    public var latticeCellDegrees: Double
    /// Communes that lie entirely inside another commune (filling a hole in it).
    public var enclaveCommunes: Int
    /// Communes given an exclave (a second part inside a neighbouring commune).
    public var exclaveCommunes: Int
    /// Remote communes left with poor mobile coverage (no 4G/5G site inside).
    public var poorCoverageCommunes: Int
    /// Remote communes with no active fibre route or node inside.
    public var communesWithoutFibre: Int
    /// Share of access routes recorded as planned rather than active.
    public var plannedRouteShare: Double
    /// The real territory the layers were generated on (nil: a generated territory).
    public var territory: String?

    /// Parameters for the layers of a real territory: province-scale network and cells on cells of
    /// 0.002° inside the real communes, households from the census.
    public static func onTerritory(_ territory: RealTerritory, seed: UInt64) -> GeneratorParameters {
        var p = defaults(for: .province, seed: seed)
        var box = BoundingBox(territory.communes.first?.polygons.first?.exterior.first ?? Coordinate(0, 0))
        for c in territory.communes { for poly in c.polygons { for v in poly.exterior { box.extend(v) } } }
        p.region = RegionSpec(minLon: box.minX, minLat: box.minY, maxLon: box.maxX, maxLat: box.maxY)
        p.communes = territory.communes.count
        p.households = territory.communes.map(\.households).reduce(0, +)
        p.towns = max(1, territory.communes.filter(\.urban).count)
        p.enclaveCommunes = 0
        p.exclaveCommunes = 0
        p.territory = territory.name
        return p
    }

    /// The default parameters of a scale.
    public static func defaults(for scale: Scale, seed: UInt64) -> GeneratorParameters {
        switch scale {
        case .demo:
            return GeneratorParameters(
                scale: scale, seed: seed, generatorVersion: currentVersion, communes: 12, households: 4_000,
                minHamletsPerCommune: 8, maxHamletsPerCommune: 15, towns: 2,
                cells2G: 20, cells3G: 24, cells4G: 60, cells5G: 10, routes: 60,
                region: RegionSpec(minLon: 105.72, minLat: 21.50, maxLon: 106.02, maxLat: 21.74),
                latticeCellDegrees: 0.001, enclaveCommunes: 1, exclaveCommunes: 1,
                poorCoverageCommunes: 1, communesWithoutFibre: 1, plannedRouteShare: 0.04)
        case .province:
            return GeneratorParameters(
                scale: scale, seed: seed, generatorVersion: currentVersion, communes: 180, households: 400_000,
                minHamletsPerCommune: 8, maxHamletsPerCommune: 15, towns: 10,
                cells2G: 450, cells3G: 600, cells4G: 1_500, cells5G: 200, routes: 2_500,
                region: RegionSpec(minLon: 105.5, minLat: 21.3, maxLon: 106.3, maxLat: 22.0),
                latticeCellDegrees: 0.002, enclaveCommunes: 2, exclaveCommunes: 3,
                poorCoverageCommunes: 4, communesWithoutFibre: 3, plannedRouteShare: 0.03)
        case .national:
            return GeneratorParameters(
                scale: scale, seed: seed, generatorVersion: currentVersion, communes: 3_321, households: 27_000_000,
                minHamletsPerCommune: 8, maxHamletsPerCommune: 15, towns: 185,
                cells2G: 30_000, cells3G: 40_000, cells4G: 100_000, cells5G: 15_000, routes: 60_000,
                region: RegionSpec(
                    minLon: 102.14, minLat: 8.6, maxLon: 109.3, maxLat: 23.3,
                    outline: NationalOutline.lonLat.map { [$0.0, $0.1] }),
                latticeCellDegrees: 0.005, enclaveCommunes: 6, exclaveCommunes: 10,
                poorCoverageCommunes: 60, communesWithoutFibre: 40, plannedRouteShare: 0.03)
        }
    }
}

/// A rough outline of Vietnam (lon, lat), ~330,000 km², as in the peers' workload generator.
enum NationalOutline {
    static let lonLat: [(Double, Double)] = [
        (102.14, 22.40), (102.50, 22.75), (103.00, 22.60), (103.50, 22.75), (104.00, 22.80),
        (104.80, 22.80), (105.35, 23.30), (105.90, 23.20), (106.70, 22.80), (107.20, 22.40),
        (107.97, 21.53), (107.30, 21.00), (106.70, 20.70), (106.20, 20.20), (105.90, 19.70),
        (105.80, 19.10), (106.20, 18.30), (106.60, 17.80), (107.20, 17.00), (107.90, 16.30),
        (108.30, 15.90), (108.80, 15.30), (109.10, 14.50), (109.30, 13.50), (109.30, 12.50),
        (109.20, 11.80), (108.90, 11.30), (108.20, 10.90), (107.50, 10.50), (106.80, 10.30),
        (106.60, 9.80), (105.90, 9.30), (105.30, 8.60), (104.80, 8.60), (104.90, 9.60),
        (104.48, 10.38), (105.10, 10.80), (106.10, 11.30), (106.00, 11.80), (106.80, 12.00),
        (107.50, 12.30), (107.60, 13.00), (107.50, 14.00), (107.55, 14.70), (107.30, 15.50),
        (107.00, 16.20), (106.60, 16.60), (106.50, 17.00), (106.00, 17.50), (105.60, 18.20),
        (104.80, 18.80), (104.00, 19.30), (104.40, 19.90), (104.00, 20.70), (103.20, 20.80),
        (102.90, 21.70), (102.20, 22.00),
    ]
}
