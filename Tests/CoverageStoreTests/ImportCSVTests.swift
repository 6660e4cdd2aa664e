import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

@Suite struct ImportCSVTests {
    @Test func householdsWithAndWithoutCounts() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let full = try dir.write(
            "hh.csv", "id,lon,lat,households,persons\nA1,105.85,21.55,2,7\nA2,105.86,21.56,1,3\n")
        let bare = try dir.write("hh2.csv", "\u{FEFF}id;lon;lat\r\nB1;105.80;21.50\r\nB2;105.81;21.51\r\n")
        _ = try store.importFile(full, options: ImportOptions(layer: .households))
        _ = try store.importFile(bare, options: ImportOptions(layer: .households))
        let locations = try store.locations()
        #expect(locations.map(\.id) == ["A1", "A2", "B1", "B2"])
        #expect(locations[0].households == 2 && locations[0].persons == 7)
        #expect(locations[2].households == 1 && locations[2].persons == nil)
        #expect(locations[3].position == Coordinate(105.81, 21.51))
        let info = try store.inventory()
        #expect(info.households == 5)
        #expect(info.persons == nil)
    }

    @Test func nonNumericCoordinateNamesTheLine() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("hh.csv", "id,lon,lat\nA1,105.85,21.55\nA2,east,21.56\n")
        do {
            _ = try store.importFile(file, options: ImportOptions(layer: .households))
            Issue.record("imported a non-numeric longitude")
        } catch let error as ImportError {
            #expect(error.location == .line(3))
            #expect(error.reason.contains("'east' is not a finite number"))
        }
        let missing = try dir.write("hh3.csv", "id,lon\nA1,105.85\n")
        do {
            _ = try store.importFile(missing, options: ImportOptions(layer: .households))
            Issue.record("imported without lat")
        } catch let error as ImportError {
            #expect(error.reason.contains("missing column 'lat'"))
        }
        #expect(try store.locations().isEmpty)
    }

    @Test func duplicateIDsInOneFileAreRejected() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("hh.csv", "id,lon,lat\nA1,105.85,21.55\nA1,105.86,21.56\n")
        do {
            _ = try store.importFile(file, options: ImportOptions(layer: .households))
            Issue.record("imported duplicate ids")
        } catch let error as ImportError {
            #expect(error.location == .line(3))
            #expect(error.reason.contains("duplicate id 'A1'"))
        }
    }

    @Test func institutionsWithKindsConnectionsAndEvidence() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "inst.csv",
            """
            id,kind,name,lon,lat,connection,evidence
            S1,school,"Trường THCS Phan Đình Phùng, cơ sở 2",105.84,21.59,fibre,measured
            C1,health,Trạm y tế xã Bằng Thành,105.67,22.65,mobile,declared
            O1,state office,UBND xã,105.70,22.60,fixed,contract

            """)
        _ = try store.importFile(file, options: ImportOptions(layer: .institutions))
        let all = try store.institutions()
        #expect(all.count == 3)
        #expect(all[0].name == "Trường THCS Phan Đình Phùng, cơ sở 2")
        #expect(all[0].connection == .fibre && all[0].evidence == .measured)
        #expect(all[2].kind == .stateOffice)
        let bad = try dir.write(
            "bad.csv", "id,kind,name,lon,lat,connection,evidence\nX,temple,Chùa,105.8,21.5,none,declared\n")
        #expect(throws: ImportError.self) { try store.importFile(bad, options: ImportOptions(layer: .institutions)) }
    }

    @Test func openCellIDSitesWithCoverageFromRange() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "cells.csv",
            """
            radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal
            LTE,452,4,10101,2001,0,105.85,21.59,1500,12,1,1500000000,1600000000,0
            GSM,452,1,20202,3001,0,105.70,22.10,3000,3,1,1500000000,1600000000,0
            NR,452,2,30303,4001,0,105.86,21.60,0,1,1,1500000000,1600000000,0

            """)
        var options = ImportOptions(layer: .sites)
        options.format = .opencellid
        options.coverageFromRange = true
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 3)
        #expect(result.coverageAreasCreated == 2)
        let sites = try store.sites()
        #expect(sites.map(\.operatorName) == ["Viettel", "MobiFone", "VNPT"])
        #expect(sites.map(\.technology) == [.g4, .g2, .g5])
        #expect(sites[0].id == "LTE-452-4-10101-2001")
        let areas = try store.coverageAreas()
        #expect(areas.count == 2)
        #expect(areas[0].technology == .g4 && areas[0].operatorName == "Viettel")
        // A 1.5 km circle: every vertex about 1,500 m from the site.
        let ring = try #require(areas[0].geometry.polygons.first?.exterior)
        for c in ring { #expect(abs(Geodesy.distance(c, Coordinate(105.85, 21.59)) - 1500) < 1) }
    }

    @Test func reprojectsFromVN2000() throws {
        // Known pair (SpatiaLite/PROJ, PostGIS agree): EPSG:4326 (105.8542, 21.0285) = EPSG:3405 (588565.363784, 2325647.338302).
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("hh.csv", "id,x,y\nHN,588565.363784,2325647.338302\n")
        var options = ImportOptions(layer: .households)
        do {
            _ = try store.importFile(file, options: options)
            Issue.record("imported metres as degrees")
        } catch let error as ImportError {
            #expect(error.reason.contains("--srid"))
        }
        options.sourceSRID = 3405
        let result = try store.importFile(file, options: options)
        #expect(result.sourceSRID == 3405)
        let p = try #require(try store.locations().first).position
        #expect(abs(p.x - 105.8542) < 1e-6)
        #expect(abs(p.y - 21.0285) < 1e-6)
    }

    @Test func crosswalkSplitsSharesEquallyWithoutAShareColumn() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "x.csv",
            "new_code,new_name,old_code,old_name,merge_type\n01840,A,01834,a,full\n01843,B,01834,a,partial\n01843,B,01837,b,full\n"
        )
        let result = try store.importFile(file, options: ImportOptions(layer: .crosswalk))
        #expect(result.rows == 3)
        let shares = try store.crosswalk(from: "pre2025", to: "2025")
        #expect(shares.map(\.share) == [0.5, 0.5, 1.0])
    }
}
