import CoverageAnalysis
import CoverageFormats
import Foundation

/// Writes `covaudit coverage -f json` with a ``PrettyJSONWriter``: the bytes `ReportJSON.encode`
/// gives for a ``CoverageResult`` (pretty-printed, sorted keys, unescaped slashes, non-finite numbers
/// as the strings `NaN`, `Infinity`, `-Infinity`), streamed instead of built in memory.
///
/// Members go in the encoder's order (keys sorted by their UTF-8 bytes, optional members the
/// conformances encode only when present left out when nil). The parameters and institutions, a
/// few hundred bytes, are encoded by `JSONEncoder` and placed as they are. The `Encodable`
/// conformances stay the reference: the tests compare the two byte for byte.
public enum CoverageJSONWriter {
    /// Writes `result` to `sink` and closes it (with a final newline, as `print` adds).
    public static func write(_ result: CoverageResult, to sink: ByteSink) throws {
        _ = try write(result, runID: result.runID.map { Int($0) }, to: sink)
    }

    /// Writes `result` with `runID` as its run id to `sink` and closes it; returns the offset of the
    /// run id's digits (nil without a run id).
    static func write(_ result: CoverageResult, runID: Int?, to sink: ByteSink) throws -> Int? {
        let w = PrettyJSONWriter(sink: sink)
        let runIDOffset = try write(result, runID: runID, to: w)
        try w.finish()
        return runIDOffset
    }

    /// Writes `result` with `runID` as its run id as the next value of `w` (at its current depth);
    /// returns the offset of the run id's digits (nil without a run id).
    static func write(_ result: CoverageResult, runID: Int?, to w: PrettyJSONWriter) throws -> Int? {
        w.beginObject()
        w.key("gaps")
        try w.array(result.gaps, flushing: true) { try write($0, to: w) }
        w.key("institutions")
        w.appendPretty(try encoded(result.institutions))
        w.key("notes")
        try w.array(result.notes) { w.appendString($0) }
        w.key("operators")
        try w.array(result.operators) { w.appendString($0) }
        w.key("outside")
        try write(result.outside, to: w)
        w.key("parameters")
        w.appendPretty(try encoded(result.parameters))
        w.key("province")
        try write(result.province, to: w)
        var runIDOffset: Int?
        if let runID {
            w.key("run_id")
            runIDOffset = w.bytesWritten
            w.appendInt(runID)
        }
        w.key("units")
        try w.array(result.units, flushing: true) { try write($0, to: w) }
        w.endObject()
        return runIDOffset
    }

    /// `value` as `ReportJSON` encodes it alone.
    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(value))
    }

    /// The measures in the order of their raw values (the keys of `coverage`).
    private static let measuresByKey = Measure.allCases.sorted {
        $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8)
    }

    /// A number as the encoder writes it: non-finite values as strings, nil as `null`.
    private static func number(_ value: Double?, _ w: PrettyJSONWriter) throws {
        guard let value else { return w.appendNull() }
        guard value.isFinite else {
            return w.appendString(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
        }
        try w.appendDouble(value)
    }

    /// The member `key` with a number (see `number`).
    private static func member(_ key: StaticString, _ value: Double?, _ w: PrettyJSONWriter) throws {
        w.key(key)
        try number(value, w)
    }

    private static func write(_ g: GapCluster, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.member("households", g.households)
        try member("lat", g.lat, w)
        w.member("locations", g.locations)
        try member("lon", g.lon, w)
        w.member("persons", g.persons)
        try member("radius_m", g.radiusM, w)
        if let code = g.unitCode { w.member("unit_code", code) }
        w.endObject()
    }

    private static func write(_ o: OutsideSummary, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.member("households", o.households)
        w.member("locations", o.locations)
        w.key("sample")
        try w.array(o.sample) { s in
            w.beginObject()
            w.member("households", s.households)
            w.member("id", s.id)
            try member("lat", s.lat, w)
            try member("lon", s.lon, w)
            w.endObject()
        }
        w.endObject()
    }

    private static func write(_ u: UnitFigures, to w: PrettyJSONWriter) throws {
        w.beginObject()
        if let km2 = u.areaKm2 { try member("area_km2", km2, w) }
        if let census = u.census {
            w.key("census")
            w.beginObject()
            if let hh = census.households { try member("households", hh, w) }
            w.member("method", census.method)
            if let pp = census.persons { try member("persons", pp, w) }
            w.member("vintage", census.vintage)
            w.endObject()
        }
        w.member("code", u.code)
        w.key("coverage")
        w.beginObject()
        for key in measuresByKey {
            guard let f = u.coverage[key] else { continue }
            w.key(string: key.rawValue)
            try write(f, to: w)
        }
        w.endObject()
        if let fibre = u.fibre {
            w.key("fibre")
            w.beginObject()
            if let d = fibre.centreDistanceM { try member("centre_distance_m", d, w) }
            w.key("has_fibre")
            w.appendBool(fibre.hasFibre)
            w.member("nodes", fibre.nodes)
            try member("route_length_km", fibre.routeLengthKm, w)
            w.endObject()
        }
        if let hamlets = u.hamlets { w.member("hamlets", hamlets) }
        w.member("households", u.households)
        w.member("level", u.level)
        w.member("locations", u.locations)
        w.member("name", u.name)
        if let parent = u.parentCode { w.member("parent_code", parent) }
        w.member("persons", u.persons)
        w.member("persons_unknown_locations", u.personsUnknownLocations)
        w.endObject()
    }

    private static func write(_ f: MeasureFigures, to w: PrettyJSONWriter) throws {
        w.beginObject()
        if let share = f.areaShare { try member("area_share", share, w) }
        w.key("available")
        w.appendBool(f.available)
        if let share = f.hamletShare { try member("hamlet_share", share, w) }
        if let n = f.hamletsCovered { w.member("hamlets_covered", n) }
        try member("household_share", f.householdShare, w)
        w.key("households")
        if f.available { w.appendInt(f.households) } else { w.appendNull() }
        if let n = f.householdsMultiOperator { w.member("households_multi_operator", n) }
        w.key("locations")
        if f.available { w.appendInt(f.locations) } else { w.appendNull() }
        if let share = f.networkHouseholdShare { try member("network_household_share", share, w) }
        if let n = f.networkHouseholds { w.member("network_households", n) }
        if let note = f.note { w.member("note", note) }
        if let operators = f.operators {
            w.key("operators")
            w.beginObject()
            for (name, o) in operators.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                w.key(string: name)
                w.beginObject()
                try member("area_share", o.areaShare, w)
                try member("household_share", o.householdShare, w)
                w.member("households", o.households)
                w.member("locations", o.locations)
                try member("person_share", o.personShare, w)
                w.member("persons", o.persons)
                w.endObject()
            }
            w.endObject()
        }
        try member("person_share", f.personShare, w)
        w.key("persons")
        if f.available { w.appendInt(f.persons) } else { w.appendNull() }
        w.endObject()
    }
}
