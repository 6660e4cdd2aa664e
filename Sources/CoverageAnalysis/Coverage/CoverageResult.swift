/// Covered counts and shares for one operator.
public struct OperatorFigures: Sendable, Codable, Hashable {
    public var locations: Int
    public var households: Int
    public var householdShare: Double?
    public var persons: Int
    public var personShare: Double?
    /// The unit's share inside the union of the operator's coverage of the measure (nil: not computed).
    public var areaShare: Double? = nil

    enum CodingKeys: String, CodingKey {
        case locations, households, persons
        case householdShare = "household_share"
        case personShare = "person_share"
        case areaShare = "area_share"
    }

    /// Encodes every key; an area share not computed is null, never 0.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(locations, forKey: .locations)
        try c.encode(households, forKey: .households)
        try c.encode(householdShare, forKey: .householdShare)
        try c.encode(persons, forKey: .persons)
        try c.encode(personShare, forKey: .personShare)
        try c.encode(areaShare, forKey: .areaShare)
    }
}

/// One measure (4G, fibre, broadband…) for one unit.
public struct MeasureFigures: Sendable, Codable, Hashable {
    /// False when the store has no data for the measure (e.g. no 3G layer): the numbers are then 0 and
    /// `note` says why — it is not "0% covered".
    public var available: Bool
    public var note: String?
    public var locations: Int
    public var households: Int
    public var householdShare: Double?
    public var persons: Int
    public var personShare: Double?
    public var areaShare: Double?
    /// Mobile measures: per operator.
    public var operators: [String: OperatorFigures]?
    /// Mobile measures: households covered by two or more operators.
    public var householdsMultiOperator: Int?
    /// Fibre: households within reach along the route network from a node (strict method).
    public var networkHouseholds: Int?
    public var networkHouseholdShare: Double?
    /// Hamlets covered under the run's hamlet rule (commune and province rows).
    public var hamletsCovered: Int?
    public var hamletShare: Double?

    enum CodingKeys: String, CodingKey {
        case available, note, locations, households, persons, operators
        case householdShare = "household_share"
        case personShare = "person_share"
        case areaShare = "area_share"
        case householdsMultiOperator = "households_multi_operator"
        case networkHouseholds = "network_households"
        case networkHouseholdShare = "network_household_share"
        case hamletsCovered = "hamlets_covered"
        case hamletShare = "hamlet_share"
    }
}

extension MeasureFigures {
    /// Encodes the counts as null when the measure has no data (never as 0 covered).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(available, forKey: .available)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(available ? locations : nil, forKey: .locations)
        try c.encode(available ? households : nil, forKey: .households)
        try c.encode(available ? persons : nil, forKey: .persons)
        try c.encode(householdShare, forKey: .householdShare)
        try c.encode(personShare, forKey: .personShare)
        try c.encodeIfPresent(areaShare, forKey: .areaShare)
        try c.encodeIfPresent(operators, forKey: .operators)
        try c.encodeIfPresent(householdsMultiOperator, forKey: .householdsMultiOperator)
        try c.encodeIfPresent(networkHouseholds, forKey: .networkHouseholds)
        try c.encodeIfPresent(networkHouseholdShare, forKey: .networkHouseholdShare)
        try c.encodeIfPresent(hamletsCovered, forKey: .hamletsCovered)
        try c.encodeIfPresent(hamletShare, forKey: .hamletShare)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        available = try c.decode(Bool.self, forKey: .available)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        locations = try c.decodeIfPresent(Int.self, forKey: .locations) ?? 0
        households = try c.decodeIfPresent(Int.self, forKey: .households) ?? 0
        persons = try c.decodeIfPresent(Int.self, forKey: .persons) ?? 0
        householdShare = try c.decodeIfPresent(Double.self, forKey: .householdShare)
        personShare = try c.decodeIfPresent(Double.self, forKey: .personShare)
        areaShare = try c.decodeIfPresent(Double.self, forKey: .areaShare)
        operators = try c.decodeIfPresent([String: OperatorFigures].self, forKey: .operators)
        householdsMultiOperator = try c.decodeIfPresent(Int.self, forKey: .householdsMultiOperator)
        networkHouseholds = try c.decodeIfPresent(Int.self, forKey: .networkHouseholds)
        networkHouseholdShare = try c.decodeIfPresent(Double.self, forKey: .networkHouseholdShare)
        hamletsCovered = try c.decodeIfPresent(Int.self, forKey: .hamletsCovered)
        hamletShare = try c.decodeIfPresent(Double.self, forKey: .hamletShare)
    }
}

/// Fibre presence in a commune.
public struct FibrePresence: Sendable, Codable, Hashable {
    /// An active fibre route intersects the unit, or a fibre node lies in it.
    public var hasFibre: Bool
    /// Length of fibre routes inside the unit, km (geodesic).
    public var routeLengthKm: Double
    /// Fibre nodes inside the unit.
    public var nodes: Int
    /// Distance from the unit's centroid to the nearest fibre route or node, metres (as the peers' Q4).
    public var centreDistanceM: Double?

    enum CodingKeys: String, CodingKey {
        case hasFibre = "has_fibre"
        case routeLengthKm = "route_length_km"
        case nodes
        case centreDistanceM = "centre_distance_m"
    }
}

/// Figures from unit statistics (e.g. the census), rolled up through the crosswalk when needed.
public struct CensusFigures: Sendable, Codable, Hashable {
    public var vintage: String
    public var households: Double?
    public var persons: Double?
    /// "direct" or "crosswalk from <vintage>".
    public var method: String
}

/// All figures for one reporting unit (hamlet, commune or the province).
public struct UnitFigures: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var level: String
    /// For hamlets: the commune code.
    public var parentCode: String?
    public var locations: Int
    public var households: Int
    public var persons: Int
    /// Locations whose persons count is unknown (they count 0 persons).
    public var personsUnknownLocations: Int
    public var areaKm2: Double?
    public var hamlets: Int?
    /// Keyed by measure; encoded as an object keyed by the measure's raw value ("2G", "4G+", "fibre", …).
    public var coverage: [Measure: MeasureFigures]
    public var fibre: FibrePresence?
    public var census: CensusFigures?

    enum CodingKeys: String, CodingKey {
        case code, name, level, locations, households, persons, hamlets, coverage, fibre, census
        case parentCode = "parent_code"
        case personsUnknownLocations = "persons_unknown_locations"
        case areaKm2 = "area_km2"
    }
}

/// A location that lies outside every unit.
public struct OutsideLocation: Sendable, Codable, Hashable {
    public var id: String
    public var lon: Double
    public var lat: Double
    public var households: Int
}

/// Locations outside every unit: counted and listed, never dropped silently.
public struct OutsideSummary: Sendable, Codable, Hashable {
    public var locations: Int
    public var households: Int
    /// Up to 100 examples.
    public var sample: [OutsideLocation]
}

/// A cluster of uncovered locations.
public struct GapCluster: Sendable, Codable, Hashable {
    public var unitCode: String?
    public var locations: Int
    public var households: Int
    public var persons: Int
    public var lon: Double
    public var lat: Double
    /// Distance from the centroid to the farthest member, metres.
    public var radiusM: Double

    enum CodingKeys: String, CodingKey {
        case locations, households, persons, lon, lat
        case unitCode = "unit_code"
        case radiusM = "radius_m"
    }
}

/// Institution connectivity for one kind.
public struct InstitutionFigures: Sendable, Codable, Hashable {
    public var kind: String
    public var count: Int
    /// Recorded connection fibre or fixed, evidence ≥ the run's minimum (and speed ≥ minimum, if set).
    public var connected: Int
    public var connectedShare: Double?
    /// Connected by evidence grade (declared counts every grade, measured only measured).
    public var connectedByEvidence: [String: Int]
    /// Within fibre reach (straight line), whatever is recorded.
    public var withinFibreReach: Int
    public var fibreReachShare: Double?
    /// By recorded connection kind.
    public var byConnection: [String: Int]

    enum CodingKeys: String, CodingKey {
        case kind, count, connected
        case connectedShare = "connected_share"
        case connectedByEvidence = "connected_by_evidence"
        case withinFibreReach = "within_fibre_reach"
        case fibreReachShare = "fibre_reach_share"
        case byConnection = "by_connection"
    }
}

/// The outcome of one coverage run.
public struct CoverageResult: Sendable, Codable {
    public var parameters: CoverageParameters
    public var province: UnitFigures
    public var units: [UnitFigures]
    public var outside: OutsideSummary
    public var institutions: [InstitutionFigures]
    public var gaps: [GapCluster]
    /// Operators present in the coverage layer, sorted.
    public var operators: [String]
    /// Notes about missing layers or data, for the reader.
    public var notes: [String]
    /// The id of the stored run (coverage_runs.id).
    public var runID: Int64?
    /// Filters or measures that matched no data, naming the known values (for stderr; not encoded).
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case parameters, province, units, outside, institutions, gaps, operators, notes
        case runID = "run_id"
    }
}
