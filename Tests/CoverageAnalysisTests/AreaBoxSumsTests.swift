import CoverageModel
import Foundation
import GeometryKernels
import GeometryTestSupport
import Testing

@testable import CoverageAnalysis

/// Area shares summed per top node of the integration tree: the same areas as one running sum
/// (within rounding), and a what-if computation that takes the nodes a change does not meet from
/// stored sums gets a full computation's bits.
@Suite struct AreaBoxSumsTests {
    /// Seven neighbouring real communes of Thái Nguyên (their shapes, not their data).
    static func realUnits() throws -> [Geometry] {
        let communes = try #require(
            try GeometryFixtures.realCommunes(), "tn_communes_2025.geojson not found in GeoData/thai-nguyen")
        return Array(communes.prefix(7))
    }

    /// The box holding every geometry of `units`.
    static func extent(_ units: [Geometry]) throws -> BoundingBox {
        var box = try #require(units[0].boundingBox)
        for unit in units.dropFirst() { box.extend(try #require(unit.boundingBox)) }
        return box
    }

    /// Twelve-gons of 0.2–2 km radius over `box`, 4G and 5G, from a fixed seed.
    static func coverage(count: Int, seed: UInt64, over box: BoundingBox) -> [Technology: [CoverageArea]] {
        var random = SplitMix64(seed: seed)
        var out: [Technology: [CoverageArea]] = [:]
        for i in 0..<count {
            let cx = random.range(box.minX, box.maxX)
            let cy = random.range(box.minY, box.maxY)
            let r = random.range(0.002, 0.018)
            var ring = (0..<12).map { k in
                Coordinate(cx + r * cos(Double(k) * .pi / 6), cy + r * sin(Double(k) * .pi / 6))
            }
            ring.append(ring[0])
            let tech: Technology = i % 2 == 0 ? .g4 : .g5
            out[tech, default: []].append(
                CoverageArea(
                    id: "\(seed)-\(i)", operatorName: "any", technology: tech, source: .predicted,
                    geometry: .polygon(Polygon(closedRings: [ring]))))
        }
        return out
    }

    /// The centre of each unit's box (the local frame's origin).
    static func centres(_ units: [Geometry]) -> [Coordinate] {
        units.compactMap(\.boundingBox).map { Coordinate(($0.minX + $0.maxX) / 2, ($0.minY + $0.maxY) / 2) }
    }

    /// Each unit's areas per mask integrated in one running sum (the integration before top nodes).
    static func singleBoxAreas(
        _ units: [Geometry], coverage: [Technology: [CoverageArea]], routes: [Route], parameters: CoverageParameters
    ) -> [[Double]] {
        var integrator = QuadAreaIntegrator(layers: 5, capsuleLayer: AreaShares.fibreBit)
        let segments = routes.flatMap(\.geometry.lines).flatMap { zip($0, $0.dropFirst()).map { ($0, $1) } }
        return zip(units, centres(units)).compactMap { unit, centre -> [Double]? in
            guard let box = unit.boundingBox else { return nil }
            var pieces = unit.polygons.map { LayerPiece(layer: -1, rings: SignedRing.rings(of: $0)) }
            for (bit, tech) in Technology.allCases.enumerated() {
                for area in coverage[tech] ?? [] {
                    for p in area.geometry.polygons {
                        pieces.append(LayerPiece(layer: Int8(bit), rings: SignedRing.rings(of: p)))
                    }
                }
            }
            let frame = LocalFrame(origin: centre)
            let capsules = segments.map { a, b in
                Capsule(
                    x0: frame.localX(a.x), y0: frame.localY(a.y), x1: frame.localX(b.x), y1: frame.localY(b.y),
                    radius: parameters.fibreDistanceMetres)
            }
            integrator.integrate(
                pieces: pieces, capsules: capsules, frame: frame, box: box,
                capsuleStep: AreaShares.fibreStepMetres)
            return integrator.areaByMask
        }
    }

    @Test func topNodeSumsGiveTheSingleSumAreasOnRealCommunes() throws {
        let units = try Self.realUnits()
        let box = try Self.extent(units)
        let parameters = CoverageParameters()
        let coverage = Self.coverage(count: 60, seed: 7, over: box)
        // Fibre across the communes: two diagonals and a line through the middle.
        let routes = [
            [Coordinate(box.minX, box.minY), Coordinate(box.maxX, box.maxY)],
            [Coordinate(box.minX, box.maxY), Coordinate((box.minX + box.maxX) / 2, box.minY)],
            [Coordinate(box.minX, (box.minY + box.maxY) / 2), Coordinate(box.maxX, (box.minY + box.maxY) / 2 + 0.01)],
        ].enumerated().map { i, line in
            Route(
                id: "r\(i)", operatorName: "any", medium: .fibre, level: .access, status: .active,
                geometry: .lineString(line))
        }
        let perBox = AreaShares(coverage: coverage, fibreRoutes: routes, fibreNodes: [], parameters: parameters)
            .compute(units: units, centres: Self.centres(units), measures: Array(Set(parameters.areaMeasures)))
        let reference = Self.singleBoxAreas(units, coverage: coverage, routes: routes, parameters: parameters)
        var sawFibre = false
        var sawMobile = false
        for (u, (got, want)) in zip(perBox, reference).enumerated() {
            let total = want.reduce(0, +)
            #expect(total > 0)
            #expect(abs(got.areaM2 - total) <= 1e-9 * total, "unit \(u)")
            let masks = got.boxes.areaByMask(masks: 32)
            for (mask, area) in masks.enumerated() {
                #expect(abs(area - want[mask]) <= 1e-9 * total, "unit \(u) mask \(mask)")
                if area > 0 && mask & (1 << AreaShares.fibreBit) != 0 { sawFibre = true }
                if area > 0 && mask & 0b1111 != 0 { sawMobile = true }
            }
            #expect(!got.boxes.nodes.isEmpty && got.boxes.nodes.count <= 21)
        }
        #expect(sawFibre && sawMobile)
    }

    /// What changed between the stored run and the what-if run.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        /// A small area inside one top node of one unit.
        case oneBox
        /// A large area across several nodes and units.
        case acrossBoxes
        /// An area removed.
        case removal
        /// An area in units without fibre within reach.
        case noFibre
        var testDescription: String { rawValue }
    }

    /// A coverage area of 3G (a layer the fixture does not have: it changes every node it meets): a square of `half` degrees around (`x`, `y`).
    static func square(_ x: Double, _ y: Double, half: Double) -> CoverageArea {
        let ring = [
            Coordinate(x - half, y - half), Coordinate(x + half, y - half), Coordinate(x + half, y + half),
            Coordinate(x - half, y + half), Coordinate(x - half, y - half),
        ]
        return CoverageArea(
            id: "change-\(x)-\(y)", operatorName: "any", technology: .g3, source: .predicted,
            geometry: .polygon(Polygon(closedRings: [ring])))
    }

    /// `g` with every ring edge cut into `perEdge` equal pieces (the same shape, more vertices).
    static func densified(_ g: Geometry, perEdge: Int) -> Geometry {
        let rings = g.polygons.flatMap(\.rings).map { ring -> [Coordinate] in
            var out: [Coordinate] = []
            for (a, b) in zip(ring, ring.dropFirst()) {
                for k in 0..<perEdge {
                    let t = Double(k) / Double(perEdge)
                    out.append(Coordinate(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                }
            }
            out.append(ring[0])
            return out
        }
        return .polygon(Polygon(closedRings: rings))
    }

    @Test(arguments: Change.allCases)
    func reusedBoxesGiveTheFullComputationBitForBit(_ change: Change) throws {
        let parameters = CoverageParameters()
        // The fixture's squares with a corner cut off (so no unit fills its box) and 500 boundary
        // vertices: every unit's tree splits below the root (a leaf root is one top node).
        let units = AreaSharesSubsetTests.units.compactMap(\.boundingBox).map { b in
            let w = b.maxX - b.minX
            let ring = [
                Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
                Coordinate(b.minX + 0.1 * w, b.maxY), Coordinate(b.minX, b.maxY - 0.1 * w), Coordinate(b.minX, b.minY),
            ]
            return Self.densified(.polygon(Polygon(closedRings: [ring])), perEdge: 100)
        }
        let centres = Self.centres(units)
        let measures = Array(Set(parameters.areaMeasures))
        let routes = AreaSharesSubsetTests.routes
        var before = AreaSharesSubsetTests.coverage(count: 80, seed: 3)
        var after = before
        let area: CoverageArea
        switch change {
        // Unit 7 spans 105.02…105.04 × 21.02…21.04: its depth-2 nodes are 0.005° wide.
        case .oneBox: area = Self.square(105.0262, 21.0263, half: 0.001)
        case .acrossBoxes: area = Self.square(105.05, 21.03, half: 0.012)
        case .removal: area = Self.square(105.07, 21.01, half: 0.004)
        case .noFibre: area = Self.square(105.03, 21.09, half: 0.003)
        }
        if change == .removal {
            before[.g3, default: []].append(area)
        } else {
            after[.g3, default: []].append(area)
        }
        let changeBox = try #require(area.geometry.boundingBox)
        func full(_ coverage: [Technology: [CoverageArea]]) -> [(
            areaM2: Double, shares: [Measure: Double], boxes: UnitBoxSums
        )] {
            AreaShares(coverage: coverage, fibreRoutes: routes, fibreNodes: [], parameters: parameters)
                .compute(units: units, centres: centres, measures: measures)
        }
        let stored = full(before)
        let want = full(after)
        let touched = units.indices.filter { units[$0].boundingBox!.meets(changeBox) }
        #expect(!touched.isEmpty)
        let got = AreaShares(
            coverage: after, fibreRoutes: routes, fibreNodes: [], parameters: parameters,
            only: touched.map { units[$0].boundingBox! }
        ).compute(
            units: touched.map { units[$0] }, centres: touched.map { centres[$0] }, measures: measures,
            stored: touched.map { stored[$0].boxes }, change: BoxSet([changeBox]))
        for (u, unit) in zip(touched, got) {
            #expect(unit.boxes == want[u].boxes, "unit \(u)")
            #expect(unit.areaM2.bitPattern == want[u].areaM2.bitPattern, "unit \(u)")
            #expect(unit.shares == want[u].shares, "unit \(u)")
        }
        // The change moved some unit's areas (the case tests something).
        #expect(touched.contains { stored[$0].boxes != want[$0].boxes })
        let fibre = touched.map { want[$0].shares[.fibre] ?? 0 }
        if change == .noFibre { #expect(fibre.allSatisfy { $0 == 0 }) } else { #expect(fibre.contains { $0 > 0 }) }
        guard change == .oneBox else { return }
        // One unit, one top node met: the other nodes come from the stored sums, not integrated
        // again (stored sums marked in those nodes come back as they were).
        #expect(touched == [7])
        let unitBox = try #require(units[7].boundingBox)
        func marked(_ sums: UnitBoxSums) -> (UnitBoxSums, met: Int) {
            var out = UnitBoxSums()
            var met = 0
            sums.forEachNode { key, masks, values in
                if QuadAreaIntegrator.nodeBox(key, in: unitBox).meets(changeBox) {
                    met += 1
                    out.append(key: key, masks: masks, values: values)
                } else {
                    out.append(key: key, masks: masks | 1 << 31, values: values + [Double(key)])
                }
            }
            return (out, met)
        }
        let (storedMarked, met) = marked(stored[7].boxes)
        #expect(met >= 1 && met < stored[7].boxes.nodes.count)
        let reused = AreaShares(
            coverage: after, fibreRoutes: routes, fibreNodes: [], parameters: parameters, only: [unitBox]
        ).compute(
            units: [units[7]], centres: [centres[7]], measures: measures, stored: [storedMarked],
            change: BoxSet([changeBox]))
        #expect(reused[0].boxes == marked(want[7].boxes).0)
    }
}

/// The per-top-node sums kept with the run state (`AreaBoxState`): read back as written, a change to
/// one unit rewrites only its chunk, a malformed chunk is not decoded.
@Suite struct AreaBoxStateTests {
    static let units = 3 * StateChunks.entitiesPerChunk + 2

    static func sample() -> [UnitBoxSums] {
        (0..<units).map { u in
            var s = UnitBoxSums()
            for k in 0..<16 {
                var areas = [Double](repeating: 0, count: 32)
                areas[(u + k) % 32] = Double(u * 100 + k) + 0.25
                areas[31] = k % 3 == 0 ? 1e-3 : 0
                s.append(key: QuadAreaIntegrator.nodeKey(depth: 2, x: k % 4, y: k / 4), areas: areas)
            }
            return s
        }
    }

    @Test func theStateReadsBackAndAChangeRewritesOnlyItsChunk() throws {
        let sums = Self.sample()
        var parts: [String: [UInt8]] = [:]
        AreaBoxState(sums).encode(into: &parts)
        #expect(parts.count == 1 + 4)
        let read = try #require(AreaBoxState(parts))
        #expect(read.units == Self.units)
        for u in 0..<Self.units { #expect(read.unit(u) == sums[u]) }
        var changed = read
        var one = sums[10]
        one.values[0] += 1
        let replaced = changed.replace([10: one])
        #expect(replaced)
        var after: [String: [UInt8]] = [:]
        changed.encode(into: &after)
        #expect(Set(parts.keys).union(after.keys).filter { parts[$0] != after[$0] } == ["area-boxes/1"])
        #expect(changed.unit(10) == one)
        #expect(changed.unit(9) == sums[9])
    }

    /// A state stored with another chunk size is read by its own layout, unit by unit.
    @Test(arguments: [1, 3, StateChunks.entitiesPerChunk, Self.units + 5])
    func aStoredChunkSizeIsTheOneRead(_ size: Int) throws {
        let sums = Self.sample()
        var parts: [String: [UInt8]] = [:]
        AreaBoxState(sums, unitsPerChunk: size).encode(into: &parts)
        let read = try #require(AreaBoxState(parts))
        for u in 0..<Self.units {
            let members = read.units(inChunkOf: u)
            #expect(members.contains(u) && members.count <= size && members.upperBound <= Self.units)
            #expect(try #require(read.chunk(of: u)) == Array(sums[members]))
        }
    }

    @Test func aMalformedOrMissingChunkIsNotRead() throws {
        var parts: [String: [UInt8]] = [:]
        AreaBoxState(Self.sample()).encode(into: &parts)
        var truncated = parts
        truncated["area-boxes/2"]?.removeLast()
        let state = try #require(AreaBoxState(truncated))
        #expect(state.unit(2 * StateChunks.entitiesPerChunk) == nil)
        #expect(state.unit(0) != nil)
        var missing = parts
        missing["area-boxes/3"] = nil
        #expect(AreaBoxState(missing) == nil)
        // Masks saying more values than stored are refused.
        var w = StateWriter()
        w.ints([Int64(QuadAreaIntegrator.nodeKey(depth: 0, x: 0, y: 0)) << 32 | 3])
        w.ints([Int64(Double(1).bitPattern)])
        var inconsistent = parts
        inconsistent["area-boxes/0"] = w.take() + parts["area-boxes/0"]!
        #expect(try #require(AreaBoxState(inconsistent)).unit(0) == nil)
    }
}
