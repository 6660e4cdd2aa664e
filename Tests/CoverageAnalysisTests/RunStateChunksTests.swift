import CoverageModel
import Testing

@testable import CoverageAnalysis

/// The run state's large parts are stored in chunks (`StateChunks`): a state reads back as it was
/// written, a change writes only the chunks it falls in, and a state of another format, with a
/// chunk missing or out of place, is never read.
@Suite struct RunStateChunksTests {
    /// Units of the sample state (not a multiple of the chunk size: the last chunk is short).
    static let unitCount = 3 * StateChunks.entitiesPerChunk + 3
    /// Locations of the sample state: ids 1...n in two runs (ids 1000...1099 are missing).
    static let ids: [Int64] = Array(1..<1000) + Array(1100...Int64(3 * StateChunks.locationsPerGapChunk + 500))

    /// A state of `unitCount` units (3 measures, 2 operators, tallies of distinct values) whose
    /// every 7th location is a gap point.
    static func sample() -> RunState {
        var units = Tally(entities: unitCount, measures: 3, operators: 2)
        for i in units.totals.indices { units.totals[i] = Int64(i) }
        for i in units.covered.indices { units.covered[i] = Int64(3 * i + 1) }
        for i in units.byOperator.indices { units.byOperator[i] = Int64(5 * i + 2) }
        var output = LocationPassOutput(units: units, hamlets: Tally(entities: 0, measures: 3, operators: 0))
        let positions = ids.map { Coordinate(105 + Double($0) * 1e-4, 21 - Double($0) * 1e-5) }
        output.cells.append(rowIDs: ids, positions: positions)
        for (id, p) in zip(ids, positions) where id % 7 == 0 {
            output.gaps.rowIDs.append(id)
            output.gaps.points.append(p)
            output.gaps.households.append(Int(id % 5) + 1)
            output.gaps.persons.append(Int(id % 11))
            output.gaps.units.append(Int32(id % Int64(unitCount)))
        }
        var facts = StoredUnitFacts()
        facts.centres = (0..<unitCount).map { Coordinate(105 + Double($0), 21) }
        facts.areasKm2 = (0..<unitCount).map { Double($0) + 0.5 }
        facts.fibreKm = (0..<unitCount).map { Double($0) * 2 }
        facts.centreDistancesM = (0..<unitCount).map { $0 % 2 == 0 ? Double($0) : nil }
        return RunState(
            inputMarks: ["households:1"], operators: ["A", "B"], unitCodes: (0..<unitCount).map { "U\($0)" },
            output: output, areaShares: (0..<unitCount).map { [Double($0) / 100, $0 % 3 == 0 ? nil : 0.25] },
            areaBoxes: AreaBoxState(
                (0..<unitCount).map { UnitBoxSums(nodes: [1, 0, 5], values: [Double($0), 2, 3]) }),
            unitFacts: facts, institutionReach: [1, 2, 3],
            gapLabels: output.gaps.rowIDs)
    }

    /// The names of the parts whose bytes differ between `a` and `b` (or that only one has).
    static func changed(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> Set<String> {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }
    }

    /// Encoded and decoded, the state encodes to the same parts (labels or none).
    @Test func aStateReadsBackAsItWasWritten() throws {
        let state = Self.sample()
        let parts = state.encoded()
        // Each large part is split: several gap, tally and area chunks.
        #expect(parts.keys.filter { $0.hasPrefix("gaps/") }.count == 4)
        #expect(parts.keys.filter { $0.hasPrefix("unit-tally/") }.count == 4)
        #expect(parts.keys.filter { $0.hasPrefix("areas/") }.count == 4)
        let read = try #require(RunState(parts))
        #expect(read.encoded() == parts)
        #expect(read.gaps.rowIDs == state.gaps.rowIDs)
        #expect(read.gaps.households == state.gaps.households)
        #expect(read.gapLabels == state.gapLabels)
        // Kept without labels (every cluster is then computed again): read back without them.
        var unlabelled = state
        unlabelled.gapLabels = []
        #expect(try #require(RunState(unlabelled.encoded())).gapLabels.isEmpty)
        #expect(read.units.byOperator == state.units.byOperator)
        #expect(read.areaShares.count == Self.unitCount)
    }

    /// Which change, and the only chunks it may rewrite.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case gapHouseholds, gapAdded, gapRemoved, unitTally, areaShare, nothing
        var testDescription: String { rawValue }
    }

    /// A change's encoding differs from the original's in exactly the chunk it falls in.
    @Test(arguments: Change.allCases)
    func aChangeRewritesOnlyItsChunk(_ change: Change) throws {
        let state = Self.sample()
        var changed = state
        let expected: Set<String>
        let starts = StateChunks.gapChunkStarts(state.cells)
        func chunkOf(_ id: Int64) -> String { "gaps/\(starts.lastIndex { $0 <= id } ?? -1)" }
        switch change {
        case .gapHouseholds:
            let k = try #require(changed.gaps.rowIDs.firstIndex(of: 5005))
            changed.gaps.households[k] += 1
            expected = [chunkOf(5005)]
        case .gapAdded:
            let k = try #require(changed.gaps.rowIDs.firstIndex { $0 > 9000 })
            changed.gaps.rowIDs.insert(9001, at: k)
            changed.gaps.points.insert(Coordinate(106, 20), at: k)
            changed.gaps.households.insert(1, at: k)
            changed.gaps.persons.insert(2, at: k)
            changed.gaps.units.insert(0, at: k)
            changed.gapLabels.insert(9001, at: k)
            expected = [chunkOf(9001)]
        case .gapRemoved:
            let k = try #require(changed.gaps.rowIDs.firstIndex(of: 14))
            for column in [\GapPoints.households, \GapPoints.persons] { changed.gaps[keyPath: column].remove(at: k) }
            changed.gaps.rowIDs.remove(at: k)
            changed.gaps.points.remove(at: k)
            changed.gaps.units.remove(at: k)
            changed.gapLabels.remove(at: k)
            expected = ["gaps/0"]
        case .unitTally:
            let unit = 2 * StateChunks.entitiesPerChunk + 1
            changed.units.covered[unit * 3 * Tally.coveredFields] += 1
            changed.units.byOperator[unit * 6 * Tally.operatorFields + 1] += 1
            expected = ["unit-tally/2"]
        case .areaShare:
            changed.areaShares[Self.unitCount - 1][0] = 0.5
            expected = ["areas/3"]
        case .nothing:
            expected = []
        }
        #expect(Self.changed(state.encoded(), changed.encoded()) == expected)
        // What a what-if run writes over the stored state: exactly those chunks.
        let written = StatePartChanges.changed(changed.encoded(skipping: ["cells"]), from: state.encoded())
        #expect(Set(written.keys) == expected)
        #expect(written.allSatisfy { $0.value == changed.encoded()[$0.key] })
        // The changed state reads back as the changed one.
        let read = try #require(RunState(changed.encoded()))
        #expect(read.encoded() == changed.encoded())
    }

    /// How a stored state is spoiled.
    enum Spoiled: String, CaseIterable, CustomTestStringConvertible {
        case olderFormat, chunkMissing, chunkTruncated, idOutsideItsChunk, layoutTruncated
        var testDescription: String { rawValue }
    }

    /// A spoiled state decodes to nil (the run falls back to computing every location).
    @Test(arguments: Spoiled.allCases)
    func aStateOfAnotherFormatOrWithABadChunkIsNotRead(_ spoiled: Spoiled) throws {
        var parts = Self.sample().encoded()
        switch spoiled {
        case .olderFormat:
            // Format 2 kept each part whole: such a state is never read as chunks.
            parts["format"] = withUnsafeBytes(of: Int64(2).littleEndian) { Array($0) }
        case .chunkMissing: parts["unit-tally/1"] = nil
        case .chunkTruncated: parts["areas/2"]?.removeLast()
        case .idOutsideItsChunk:
            // Chunk 1's bytes stored as chunk 2: ids below the chunk's first.
            parts["gaps/2"] = parts["gaps/1"]
        case .layoutTruncated: parts["gaps"]?.removeLast(8)
        }
        #expect(RunState(parts) == nil)
    }
}
