import CoverageFormats
import CoverageModel

/// One feature or CSV row on its way into the store: where it came from, its geometry and fields.
struct InputRecord: Sendable {
    /// Where the record is in its file, for error messages.
    var location: InputLocation
    /// The geometry in the file's coordinates (nil when the file gives none).
    var geometry: Geometry?
    /// Attribute values by lower-cased field name.
    var values: [String: PropertyValue]
    /// `geometry.isProvedSimpleShell`, when the reader already worked it out (on a parse thread).
    var provedSimpleShell: Bool? = nil
    /// The record's layer row made ahead on a parse thread (or the error making it threw), when the
    /// import asked for it; valid for the geometry as read.
    var preparedRow: Result<PreparedRow, any Error>? = nil
    /// `GeometryPipeline`'s checks of `geometry` worked out on a parse thread, when the import asked for them.
    var geometryFacts: GeometryFacts? = nil

    /// The first present, non-null value among `names` (matched case-insensitively).
    func value(_ names: [String]) -> PropertyValue? {
        // A feature's few properties are compared in turn: cheaper than hashing every name asked for.
        if values.count <= Self.scannedProperties {
            // The properties' name lengths, as bits: most names asked for match none of them, and
            // are then passed over without going through the properties at all.
            var lengths: UInt64 = 0
            for k in values.keys { lengths |= 1 << UInt64(min(k.utf8.count, 63)) }
            for n in names {
                let key = fieldKey(n)
                let length = key.utf8.count
                if lengths & (1 << UInt64(min(length, 63))) == 0 { continue }
                // Lengths first: most names differ in length, and that costs less than comparing them.
                for (k, v) in values where k.utf8.count == length && k == key {
                    if v != .null { return v }
                    break
                }
            }
            return nil
        }
        for n in names {
            if let v = values[fieldKey(n)], v != .null { return v }
        }
        return nil
    }

    /// Up to this many values, ``value(_:)`` compares names in turn instead of hashing them.
    static var scannedProperties: Int { 8 }

    /// The first present value among `names` as a number, or nil when absent.
    ///
    /// - Throws: when the value is present but is not a finite number.
    func number(_ names: [String], file: String) throws -> Double? {
        guard let v = value(names) else { return nil }
        if case .string(let s) = v, s.trimmedWhitespace.isEmpty { return nil }
        guard let d = v.number, d.isFinite else {
            throw ImportError(
                file: file, location: location,
                reason: "\(names[0]) '\(v.text ?? "")' is not a finite number")
        }
        return d
    }

    /// The first present value among `names` as a non-negative whole number, or nil when absent.
    func count(_ names: [String], file: String) throws -> Int? {
        guard let d = try number(names, file: file) else { return nil }
        guard d >= 0, d.rounded() == d, d < 1e12 else {
            throw ImportError(
                file: file, location: location,
                reason: "\(names[0]) must be a whole number ≥ 0, got \(value(names)?.text ?? "")")
        }
        return Int(d)
    }

    /// Parses a vocabulary value, falling back to `fallback` when the field is absent.
    func vocabulary<T: LenientlyParsable>(
        _ names: [String], as type: T.Type, fallback: T?, file: String
    ) throws -> T {
        if let raw = text(names) {
            guard let v = T(lenient: raw) else {
                throw ImportError(
                    file: file, location: location,
                    reason: "\(names[0]) '\(raw)' is not one of \(T.spellings)")
            }
            return v
        }
        guard let fallback else {
            throw ImportError(
                file: file, location: location,
                reason: "no \(names[0]) field and no default given (one of \(T.spellings))")
        }
        return fallback
    }
}

/// Field names (lower case) accepted for each attribute, in order of preference.
enum FieldNames {
    static let id = ["id", "ext_id", "fid", "osm_id", "objectid"]
    static let code = ["code", "ma", "ma_xa", "commune_code_2025", "id"]
    static let name = ["name", "ten", "name:vi", "full_name"]
    static let parent = ["parent_code", "province_code", "district_code", "parent"]
    static let level = ["level", "cap"]
    static let communeCode = ["commune_code", "ma_xa", "commune"]
    static let households = ["households", "hh", "ho", "so_ho"]
    static let persons = ["persons", "population", "people", "nhan_khau", "dan_so"]
    static let population = ["population", "persons", "dan_so"]
    static let kind = ["kind", "type", "amenity", "loai"]
    static let connection = ["connection", "ket_noi"]
    static let evidence = ["evidence"]
    static let speed = ["speed_mbps", "speed", "measured_speed"]
    static let operatorName = ["operator", "nha_mang", "carrier"]
    static let medium = ["medium"]
    static let routeLevel = ["level", "route_level"]
    static let status = ["status", "trang_thai"]
    static let capacity = ["capacity"]
    static let technology = ["technology", "tech", "radio", "generation"]
    static let band = ["band", "frequency"]
    static let range = ["range_m", "range", "radius_m"]
    static let source = ["source"]
    static let confidence = ["confidence"]
    static let siteID = ["site_id", "site"]
    static let lon = ["lon", "lng", "long", "longitude", "x"]
    static let lat = ["lat", "latitude", "y"]
    static let oldCode = ["old_code"]
    static let newCode = ["new_code"]
    static let share = ["share", "weight"]
}
