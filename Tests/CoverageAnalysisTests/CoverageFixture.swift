import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation

/// A hand-checkable store: two communes (one with a hole, one multipolygon), two 4G operators that
/// overlap, a 5G island, an active and a planned fibre route, hamlets and institutions.
/// Expected figures are derived by hand in CoverageHandFixtureTests.
enum CoverageFixture {
    static func rect(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
        "[[\(x1),\(y1)],[\(x2),\(y1)],[\(x2),\(y2)],[\(x1),\(y2)],[\(x1),\(y1)]]"
    }

    static func build() throws -> Store {
        let dir = try FixtureDirectory("coverage-fixture")
        let store = try dir.store()
        func load(_ layer: Layer, _ name: String, _ text: String, _ configure: (inout ImportOptions) -> Void = { _ in })
            throws
        {
            var o = ImportOptions(layer: layer)
            configure(&o)
            _ = try store.importFile(try dir.write(name, text), options: o)
        }
        // A: square with a hole; B: square plus an island (MultiPolygon).
        try load(
            .communes, "communes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Polygon","coordinates":[\#(rect(105.0, 21.0, 105.1, 21.1)),\#(rect(105.04, 21.04, 105.06, 21.06))]}"#,
                    #"{"code":"00001","name":"Xã Một"}"#),
                GeoJSONText.feature(
                    #"{"type":"MultiPolygon","coordinates":[[\#(rect(105.1, 21.0, 105.2, 21.1))],[\#(rect(105.3, 21.0, 105.32, 21.02))]]}"#,
                    #"{"code":"00002","name":"Xã Hai"}"#),
            ]))
        try load(
            .coverage, "cov.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Polygon","coordinates":[\#(rect(105.0, 21.0, 105.15, 21.05))]}"#,
                    #"{"operator":"Viettel","technology":"4G"}"#),
                GeoJSONText.feature(
                    #"{"type":"Polygon","coordinates":[\#(rect(105.05, 21.0, 105.2, 21.05))]}"#,
                    #"{"operator":"VNPT","technology":"4G"}"#),
                GeoJSONText.feature(
                    #"{"type":"Polygon","coordinates":[\#(rect(105.3, 21.0, 105.32, 21.02))]}"#,
                    #"{"operator":"Viettel","technology":"5G"}"#),
            ]))
        try load(
            .households, "hh.csv",
            """
            id,lon,lat,households,persons
            h1,105.02,21.02,2,5
            h2,105.08,21.02,1,3
            h3,105.02,21.08,1,
            h4,105.05,21.05,1,1
            h5,105.1,21.02,1,2
            h6,105.15,21.03,1,4
            h7,105.15,21.05,1,1
            h8,105.18,21.0500001,1,1
            h9,105.31,21.01,3,9
            h10,105.0,21.1,1,1
            h11,104.9,21.0,1,1

            """)
        try load(
            .routes, "routes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"LineString","coordinates":[[105.0,21.077],[105.2,21.077]]}"#,
                    #"{"id":"r1","operator":"Viettel","status":"active"}"#),
                GeoJSONText.feature(
                    #"{"type":"LineString","coordinates":[[105.0,21.022],[105.2,21.022]]}"#,
                    #"{"id":"r2","operator":"Viettel","status":"planned"}"#),
            ]))
        try load(
            .nodes, "nodes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.0,21.077]}"#, #"{"id":"n1","kind":"olt","operator":"Viettel"}"#
                )
            ]))
        try load(
            .hamlets, "hamlets.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.02,21.02]}"#,
                    #"{"code":"H1","name":"Thôn 1","commune_code":"00001"}"#),
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.02,21.08]}"#,
                    #"{"code":"H2","name":"Thôn 2","commune_code":"00001"}"#),
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.31,21.01]}"#,
                    #"{"code":"H3","name":"Thôn 3","commune_code":"00002"}"#),
            ]))
        try load(
            .institutions, "inst.csv",
            """
            id,kind,name,lon,lat,connection,evidence
            S1,school,Trường A,105.02,21.076,fibre,measured
            C1,health,Trạm y tế,105.15,21.02,mobile,declared
            S2,school,Trường B,105.08,21.08,fixed,declared

            """)
        return store
    }

    /// A GeoJSON feature: the rectangle `x1…x2` × `y1…y2` with the given properties object.
    static func rectangleFeature(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ properties: String)
        -> String
    {
        GeoJSONText.feature(#"{"type":"Polygon","coordinates":[\#(rect(x1, y1, x2, y2))]}"#, properties)
    }

    /// Imports `features` as one GeoJSON file of `layer` into `store`.
    static func importFeatures(_ features: [String], as layer: Layer, into store: Store, dir: FixtureDirectory)
        throws
    {
        _ = try store.importFile(
            try dir.write("\(layer.rawValue).geojson", GeoJSONText.collection(features)),
            options: ImportOptions(layer: layer))
    }

    /// Imports one 3G area of operator "Late" (105.0–105.1 E, 21.0–21.1 N) into the store at `path`
    /// through a second connection, as a concurrent import would; returns that connection's store.
    @discardableResult
    static func commitLateCoverage(_ path: String) throws -> Store {
        let other = try Store.open(at: path)
        let late = rectangleFeature(105.0, 21.0, 105.1, 21.1, #"{"operator":"Late","technology":"3G"}"#)
        try importFeatures([late], as: .coverage, into: other, dir: try FixtureDirectory("late-coverage"))
        return other
    }
}
