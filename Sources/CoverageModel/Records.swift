/// An administrative unit (province, district or commune) of one vintage.
public struct AdminUnit: Hashable, Sendable {
    public var code: String
    public var name: String
    public var level: AdminLevel
    public var parentCode: String?
    public var vintage: String
    public var geometry: Geometry

    public init(
        code: String, name: String, level: AdminLevel, parentCode: String?, vintage: String,
        geometry: Geometry
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.vintage = vintage
        self.geometry = geometry
    }
}

/// A hamlet (thôn, xóm, tổ dân phố) with its representative point and optional area.
public struct Hamlet: Hashable, Sendable {
    public var code: String
    public var name: String
    public var communeCode: String?
    public var households: Int?
    public var population: Int?
    public var point: Coordinate
    public var area: Geometry?

    public init(
        code: String, name: String, communeCode: String?, households: Int?, population: Int?,
        point: Coordinate, area: Geometry?
    ) {
        self.code = code
        self.name = name
        self.communeCode = communeCode
        self.households = households
        self.population = population
        self.point = point
        self.area = area
    }
}

/// A location holding one or more households (or an institution or business premises).
public struct Location: Hashable, Sendable {
    public var id: String
    public var position: Coordinate
    public var households: Int
    public var persons: Int?
    public var kind: LocationKind

    public init(
        id: String, position: Coordinate, households: Int = 1, persons: Int? = nil,
        kind: LocationKind = .residential
    ) {
        self.id = id
        self.position = position
        self.households = households
        self.persons = persons
        self.kind = kind
    }
}

/// A school, clinic, state office or business with its recorded connection.
public struct Institution: Hashable, Sendable {
    public var id: String
    public var kind: InstitutionKind
    public var name: String
    public var position: Coordinate
    public var connection: ConnectionKind
    public var evidence: EvidenceGrade
    public var speedMbps: Double?

    public init(
        id: String, kind: InstitutionKind, name: String, position: Coordinate,
        connection: ConnectionKind, evidence: EvidenceGrade, speedMbps: Double? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.position = position
        self.connection = connection
        self.evidence = evidence
        self.speedMbps = speedMbps
    }
}

/// A transmission route (fibre, microwave or copper) as a (multi)line.
public struct Route: Hashable, Sendable {
    public var id: String
    public var operatorName: String
    public var medium: Medium
    public var level: RouteLevel
    public var status: InfrastructureStatus
    public var capacity: String?
    public var geometry: Geometry

    public init(
        id: String, operatorName: String, medium: Medium, level: RouteLevel,
        status: InfrastructureStatus, capacity: String? = nil, geometry: Geometry
    ) {
        self.id = id
        self.operatorName = operatorName
        self.medium = medium
        self.level = level
        self.status = status
        self.capacity = capacity
        self.geometry = geometry
    }
}

/// A network node: point of presence, OLT, splice or cabinet.
public struct NetworkNode: Hashable, Sendable {
    public var id: String
    public var kind: NodeKind
    public var operatorName: String
    public var status: InfrastructureStatus
    public var position: Coordinate

    public init(
        id: String, kind: NodeKind, operatorName: String, status: InfrastructureStatus,
        position: Coordinate
    ) {
        self.id = id
        self.kind = kind
        self.operatorName = operatorName
        self.status = status
        self.position = position
    }
}

/// A cell site (or one cell of it) with its radio technology.
public struct CellSite: Hashable, Sendable {
    public var id: String
    public var operatorName: String
    public var technology: Technology
    public var position: Coordinate
    public var rangeMetres: Double?
    public var band: String?

    public init(
        id: String, operatorName: String, technology: Technology, position: Coordinate,
        rangeMetres: Double? = nil, band: String? = nil
    ) {
        self.id = id
        self.operatorName = operatorName
        self.technology = technology
        self.position = position
        self.rangeMetres = rangeMetres
        self.band = band
    }
}

/// An area covered by one operator's technology.
public struct CoverageArea: Hashable, Sendable {
    public var id: String
    public var operatorName: String
    public var technology: Technology
    public var source: CoverageSource
    public var geometry: Geometry

    public init(
        id: String, operatorName: String, technology: Technology, source: CoverageSource,
        geometry: Geometry
    ) {
        self.id = id
        self.operatorName = operatorName
        self.technology = technology
        self.source = source
        self.geometry = geometry
    }
}

/// The provenance of one imported dataset.
public struct Provenance: Hashable, Sendable, Codable {
    public var id: Int64
    public var layer: String
    public var fileName: String
    public var sha256: String
    public var rowCount: Int
    public var importedAt: String
    public var asOf: String?
    public var format: String
    public var options: String

    public init(
        id: Int64, layer: String, fileName: String, sha256: String, rowCount: Int,
        importedAt: String, asOf: String?, format: String, options: String
    ) {
        self.id = id
        self.layer = layer
        self.fileName = fileName
        self.sha256 = sha256
        self.rowCount = rowCount
        self.importedAt = importedAt
        self.asOf = asOf
        self.format = format
        self.options = options
    }

    /// The dataset was imported as synthetic (generated, not observed): its options hold the word.
    public var isSynthetic: Bool { options.split(separator: " ").contains("synthetic") }
}

/// One old → new admin unit link with the share of the old unit that went to the new one.
public struct CrosswalkEntry: Hashable, Sendable, Codable {
    public var oldVintage: String
    public var oldCode: String
    public var newVintage: String
    public var newCode: String
    /// The fraction (0…1) of the old unit's figures attributed to the new unit.
    public var share: Double

    public init(oldVintage: String, oldCode: String, newVintage: String, newCode: String, share: Double) {
        self.oldVintage = oldVintage
        self.oldCode = oldCode
        self.newVintage = newVintage
        self.newCode = newCode
        self.share = share
    }
}
