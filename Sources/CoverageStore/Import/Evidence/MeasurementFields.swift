/// A column spelling and the factor that converts its values to the stored unit.
struct UnitSpelling: Sendable {
    let name: String
    let factor: Double
}

/// The column spellings accepted for each measurement attribute (lower case), in order of preference.
///
/// Families: the canonical CSV (`download_mbps`, `lat`…); flattened speed-test exports with
/// `test_id`, `timestamp`, `provider_name` (the FCC mobile speed-test format's top-level names; the FCC
/// files themselves are nested JSON with speeds in bytes per second and are not read directly), and
/// generic `download_speed`/`upload_speed` columns taken as Mbps; drive-test exports (`Timestamp`, `Latitude`, `Longitude`, `RSRP`,
/// `RSRQ`, `SINR`, `Download (Mbps)`…); crowd-app exports in kbps (Ookla extracts `download_kbps`,
/// `upload_kbps`, `latency`, `test_date`, `android_device_id`; RTR/NetMetr open data `download_kbit`,
/// `upload_kbit`, `ping_ms`, `lte_rsrp`, `long`, `cat_technology`). kbps and kbit/s are converted to Mbps (÷ 1000).
enum MeasurementFields {
    static let id = ["id", "ext_id", "measurement_id", "fid", "objectid"]
    static let time = [
        "time", "timestamp", "test_date", "date_time", "datetime", "time_utc", "utc_time", "test_time", "date",
    ]
    static let operatorName = [
        "operator", "carrier", "provider_name", "provider", "network_name", "operator_name", "network_operator",
        "sim_operator_name", "nha_mang",
    ]
    static let technology = [
        "technology", "tech", "network_type", "cat_technology", "tech_type", "radio", "rat", "generation",
    ]
    /// `speed_download`/`speed_upload`: Giga QoS probe rows, in Mbps (giga-maps-backend converts them
    /// "Mbps to bps" by × 10⁶). The Daily Check App's bare `download`/`upload` state no unit and are not matched.
    static let download =
        megabits("download", "dl") + [UnitSpelling(name: "download_speed", factor: 1)]
        + [UnitSpelling(name: "speed_download", factor: 1)]
    static let upload =
        megabits("upload", "ul") + [UnitSpelling(name: "upload_speed", factor: 1)]
        + [UnitSpelling(name: "speed_upload", factor: 1)]
    static let latency = [
        "latency_ms", "latency", "latency (ms)", "round_trip_latency", "ping_ms", "ping", "ping (ms)", "rtt_ms", "rtt",
    ].map { UnitSpelling(name: $0, factor: 1) }
    static let rsrp = ["rsrp_dbm", "rsrp", "rsrp (dbm)", "lte_rsrp", "nr_rsrp", "ss_rsrp", "serving_rsrp"]
    static let rsrq = ["rsrq_db", "rsrq", "rsrq (db)", "lte_rsrq", "nr_rsrq", "ss_rsrq", "serving_rsrq"]
    static let sinr = ["sinr_db", "sinr", "sinr (db)", "lte_sinr", "nr_sinr", "ss_sinr", "rssnr", "lte_rssnr"]
    static let source = ["source", "measurement_source"]
    static let testID = ["test_id", "test_uuid", "open_test_uuid", "test id", "testid"]
    static let deviceID = [
        "device_id", "android_device_id", "iphone_device_id", "device id", "open_uuid", "device", "ue_id",
    ]
    static let environment = ["environment", "indoor_outdoor", "indoor/outdoor", "location_type"]
    /// A source's own plausibility flag (RTR-Netztest open data, rtr-nettest/open-rmbt-statistics
    /// `OpenTestExportDto`): a set flag excludes the row.
    static let implausible = ["implausible"]
    /// The institution a probe belongs to. Giga's exports (UNICEF/ITU; github.com/unicef/giga-maps-backend):
    /// Daily Check App measurements carry `school_id` (the government's id) and `giga_id_school`
    /// (`proco/data_sources/migrations/0002_added_daily_check_app_data_source_model.py`); QoS probe rows
    /// carry `school_id_giga` (`management/commands/data_loss_recovery_for_qos_dates.py`); the school
    /// master data names the government id `school_id_govt`. The government id is preferred: it is what a
    /// national institutions layer holds.
    static let institutionID = [
        "institution_id", "school_id", "school_id_govt", "giga_id_school", "school_id_giga",
    ]
    static let lon = ["lon", "lng", "long", "longitude", "client_longitude", "gps_longitude", "x"]
    static let lat = ["lat", "latitude", "client_latitude", "gps_latitude", "y"]

    /// Every measured-value spelling (a file needs at least one).
    static var measuredValues: [String] {
        (download + upload + latency).map(\.name) + rsrp + rsrq + sinr
    }

    /// The spellings of a speed in Mbps (factor 1) and in kbps or kbit/s (factor 1/1000).
    private static func megabits(_ word: String, _ short: String) -> [UnitSpelling] {
        let mbps = [
            "\(word)_mbps", "\(word) (mbps)", "\(short)_mbps", "\(word)_speed_mbps", "\(short) (mbps)",
            "\(short)_throughput_mbps", "\(short) throughput (mbps)",
        ]
        let kbps = [
            "\(word)_kbps", "\(word) (kbps)", "\(word)_kbit", "\(short)_kbps", "\(short) (kbps)",
            "\(word)_speed_kbps",
        ]
        return mbps.map { UnitSpelling(name: $0, factor: 1) } + kbps.map { UnitSpelling(name: $0, factor: 0.001) }
    }
}

/// The column spellings of an Ookla open-data tile (as published; Shapefile names fit in 10 characters).
enum SpeedTileFields {
    static let quadkey = ["quadkey", "quad_key", "qk"]
    /// `tiles`: the spelling of the Parquet section of Ookla's open-data README.
    static let tile = ["tile", "tiles", "wkt", "geometry"]
    static let download = ["avg_d_kbps"]
    static let upload = ["avg_u_kbps"]
    static let latency = ["avg_lat_ms"]
    static let tests = ["tests"]
    static let devices = ["devices"]
}
