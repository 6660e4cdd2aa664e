/// Where a measurement comes from.
public enum MeasurementSource: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    /// An operator's or regulator's drive test (a scanner or phone in a vehicle).
    case driveTest = "drive-test"
    /// A speed test run by a user in an app (Ookla, nPerf, the FCC app…).
    case crowdApp = "crowd-app"
    /// A fixed probe on a household or business line.
    case fixedProbe = "fixed-probe"
    /// A probe at a school (Giga-style daily measurements), attached to the institution.
    case schoolProbe = "school-probe"
}

/// Whether a test was taken indoors or outdoors (signal thresholds differ).
public enum TestEnvironment: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case indoor, outdoor

    /// The environment a file's text names: the raw values, and a test in a vehicle (`in-vehicle`,
    /// `in_vehicle`, `vehicle`, `in vehicle`, `driving`) as outdoor — FCC BDC challenge tests are taken
    /// outdoors or in a vehicle, and no indoor allowance applies to either; nil for anything else.
    public init?(recorded text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch key {
        case "in-vehicle", "in_vehicle", "vehicle", "in vehicle", "driving": self = .outdoor
        default: self.init(lenient: key)
        }
    }
}

/// One measured test at a point: speed, latency and radio signal, as far as the source recorded them.
///
/// Every measured quantity is optional: a drive-test scanner records signal only, a speed test
/// records speeds and perhaps signal. Nil means "not recorded", never 0.
public struct Measurement: Hashable, Sendable {
    public var id: String
    public var position: Coordinate
    /// Seconds since 1970-01-01 UTC (nil: not recorded).
    public var time: Double?
    public var operatorName: String?
    public var technology: Technology?
    public var downloadMbps: Double?
    public var uploadMbps: Double?
    public var latencyMs: Double?
    /// Reference signal received power, dBm (4G/5G).
    public var rsrpDbm: Double?
    /// Reference signal received quality, dB.
    public var rsrqDb: Double?
    /// Signal to interference and noise ratio, dB.
    public var sinrDb: Double?
    public var source: MeasurementSource
    public var testID: String?
    public var deviceID: String?
    public var environment: TestEnvironment?
    /// For school probes: the institution's id.
    public var institutionID: String?

    public init(
        id: String, position: Coordinate, time: Double? = nil, operatorName: String? = nil,
        technology: Technology? = nil, downloadMbps: Double? = nil, uploadMbps: Double? = nil,
        latencyMs: Double? = nil, rsrpDbm: Double? = nil, rsrqDb: Double? = nil, sinrDb: Double? = nil,
        source: MeasurementSource, testID: String? = nil, deviceID: String? = nil,
        environment: TestEnvironment? = nil, institutionID: String? = nil
    ) {
        self.id = id
        self.position = position
        self.time = time
        self.operatorName = operatorName
        self.technology = technology
        self.downloadMbps = downloadMbps
        self.uploadMbps = uploadMbps
        self.latencyMs = latencyMs
        self.rsrpDbm = rsrpDbm
        self.rsrqDb = rsrqDb
        self.sinrDb = sinrDb
        self.source = source
        self.testID = testID
        self.deviceID = deviceID
        self.environment = environment
        self.institutionID = institutionID
    }
}

/// Whether an Ookla open-data tile aggregates fixed or mobile tests.
public enum SpeedTileKind: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case fixed, mobile
}

/// One Ookla open-data speed-test tile: averages over the tests of a quarter in a zoom-16 tile.
public struct SpeedTile: Hashable, Sendable {
    public var quadkey: Quadkey
    public var kind: SpeedTileKind
    /// The quarter's first day, e.g. "2025-10-01" (nil: not given).
    public var period: String?
    public var averageDownloadKbps: Double
    public var averageUploadKbps: Double
    public var averageLatencyMs: Double
    public var tests: Int
    public var devices: Int

    public init(
        quadkey: Quadkey, kind: SpeedTileKind, period: String? = nil, averageDownloadKbps: Double,
        averageUploadKbps: Double, averageLatencyMs: Double, tests: Int, devices: Int
    ) {
        self.quadkey = quadkey
        self.kind = kind
        self.period = period
        self.averageDownloadKbps = averageDownloadKbps
        self.averageUploadKbps = averageUploadKbps
        self.averageLatencyMs = averageLatencyMs
        self.tests = tests
        self.devices = devices
    }
}
