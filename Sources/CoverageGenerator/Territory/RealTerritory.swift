import CoverageFormats
import CoverageModel
import Foundation

/// A real province to generate the layers without a public source on: its communes with census
/// household counts, its roads and its schools, clinics and offices.
public struct RealTerritory: Sendable {
    /// One commune of the current vintage.
    public struct Commune: Sendable {
        public var code: String
        /// The full name ("Phường Phan Đình Phùng", "Xã Đồng Hỷ").
        public var name: String
        /// A ward (phường) rather than a rural commune (xã).
        public var urban: Bool
        public var polygons: [Polygon]
        /// Census households rolled up to this commune (whole numbers, summing to the province total).
        public var households: Int
    }

    /// A point of interest that becomes an institution.
    public struct Place: Sendable {
        public var id: String
        public var kind: InstitutionKind
        public var name: String
        public var position: Coordinate
    }

    /// The territory's name as written in outputs ("Thái Nguyên").
    public var name: String
    public var communes: [Commune]
    /// Road and railway lines (each a polyline; may leave the territory).
    public var roads: [[Coordinate]]
    /// Schools, clinics and offices with their real positions and names.
    public var places: [Place]

    /// The files a territory folder holds (see GeoData/thai-nguyen/SOURCE.md).
    public enum Files {
        public static let communes = "tn_communes_2025.geojson"
        public static let census = "census_2019_pre2025.csv"
        public static let crosswalk = "tn_commune_mapping_pre2025_to_2025.csv"
        public static let roads = "tn_national_roads_rail.geojson"
        public static let places = "tn_osm_poi_hotosm.geojson"
        public static let all = [communes, census, crosswalk, roads, places]
    }

    /// Reads a territory folder: 2025 communes, the pre-2025 census per old commune and the crosswalk
    /// that rolls it up, roads, and OpenStreetMap points of interest.
    public static func load(from folder: URL) throws -> RealTerritory {
        func path(_ file: String) -> String { folder.appendingPathComponent(file).path }
        var communes: [Commune] = []
        var name = folder.lastPathComponent
        try GeoJSONReader(path: path(Files.communes)).forEachFeature { f in
            guard let code = f.properties["code"]?.text, let full = f.properties["full_name"]?.text,
                let geometry = f.geometry
            else {
                throw GeneratorError(description: "\(Files.communes): feature \(f.index) lacks code, name or geometry")
            }
            let polygons: [Polygon]
            switch geometry {
            case .polygon(let p): polygons = [p]
            case .multiPolygon(let ps): polygons = ps
            default: throw GeneratorError(description: "\(Files.communes): feature \(f.index) is not a polygon")
            }
            if communes.isEmpty, let province = f.properties["province_name"]?.text { name = province }
            communes.append(
                Commune(code: code, name: full, urban: full.hasPrefix("Phường"), polygons: polygons, households: 0))
        }
        let targets = try rolledUpHouseholds(
            census: path(Files.census), crosswalk: path(Files.crosswalk), codes: communes.map(\.code))
        for k in communes.indices { communes[k].households = targets[k] }
        return RealTerritory(
            name: name, communes: communes, roads: try lines(path(Files.roads)), places: try places(path(Files.places)))
    }

    /// Census households per new commune: each old commune's households split evenly between the new
    /// communes it went to (the crosswalk's rule without a share), rounded by largest remainder.
    static func rolledUpHouseholds(census: String, crosswalk: String, codes: [String]) throws -> [Int] {
        var oldHouseholds: [String: Double] = [:]
        try CSVReader(path: census).forEachRecord { r in
            guard let code = r["code"], let h = r["households"].flatMap(Double.init) else {
                throw GeneratorError(description: "\(census): line \(r.line) lacks code or households")
            }
            oldHouseholds[code, default: 0] += h
        }
        var successors: [String: [String]] = [:]
        try CSVReader(path: crosswalk).forEachRecord { r in
            guard let old = r["old_code"], let new = r["new_code"] else {
                throw GeneratorError(description: "\(crosswalk): line \(r.line) lacks old_code or new_code")
            }
            successors[old, default: []].append(new)
        }
        let position = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var weights = [Double](repeating: 0, count: codes.count)
        for (old, h) in oldHouseholds {
            guard let news = successors[old], !news.isEmpty else {
                throw GeneratorError(description: "\(crosswalk): census commune \(old) has no 2025 commune")
            }
            for new in news {
                guard let k = position[new] else {
                    throw GeneratorError(description: "\(crosswalk): commune \(new) is not among the communes")
                }
                weights[k] += h / Double(news.count)
            }
        }
        return Settlements.allocate(Int(oldHouseholds.values.reduce(0, +).rounded()), weights: weights)
    }

    /// Every line part of a line layer.
    static func lines(_ path: String) throws -> [[Coordinate]] {
        var out: [[Coordinate]] = []
        try GeoJSONReader(path: path).forEachFeature { f in
            switch f.geometry {
            case .lineString(let l): out.append(l)
            case .multiLineString(let ls): out += ls
            default: break
            }
        }
        return out
    }

    /// OpenStreetMap schools, health facilities and town halls (other amenities are left out).
    static func places(_ path: String) throws -> [Place] {
        var out: [Place] = []
        try GeoJSONReader(path: path).forEachFeature { f in
            guard case .point(let c) = f.geometry, let amenity = f.properties["amenity"]?.text,
                let kind = institutionKinds[amenity]
            else { return }
            let osmID = f.properties["osm_id"]?.text ?? String(f.index)
            let name = f.properties["name"]?.text ?? f.properties["name:vi"]?.text ?? "(\(amenity), OSM \(osmID))"
            out.append(Place(id: "OSM-\(osmID)", kind: kind, name: name, position: c))
        }
        return out
    }

    /// OpenStreetMap `amenity` values that are institutions of the claims.
    static let institutionKinds: [String: InstitutionKind] = [
        "school": .school, "kindergarten": .school, "college": .school, "university": .school,
        "hospital": .health, "clinic": .health, "doctors": .health, "townhall": .stateOffice,
    ]
}
