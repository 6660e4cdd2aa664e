import Testing

@testable import CoverageAnalysis

/// A what-if run writes the state parts whose bytes differ from the stored run's, and only those
/// (`StatePartChanges`).
@Suite struct StatePartChangesTests {
    /// How a part differs from the stored one, and whether it must be written.
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case same, lastByte, firstByte, middleByte, longer, shorter, notStored, bothEmpty, wasEmpty, nowEmpty
        var testDescription: String { rawValue }

        /// The stored part (nil: none) and the run's.
        var parts: (stored: [UInt8]?, run: [UInt8]) {
            let bytes = (0..<4_099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            func flipped(_ k: Int) -> [UInt8] {
                var b = bytes
                b[k] ^= 1
                return b
            }
            switch self {
            case .same: return (bytes, bytes)
            case .lastByte: return (bytes, flipped(bytes.count - 1))
            case .firstByte: return (bytes, flipped(0))
            case .middleByte: return (bytes, flipped(2_048))
            case .longer: return (bytes, bytes + [0])
            case .shorter: return (bytes, Array(bytes.dropLast()))
            case .notStored: return (nil, bytes)
            case .bothEmpty: return ([], [])
            case .wasEmpty: return ([], [1])
            case .nowEmpty: return ([1], [])
            }
        }

        /// Whether the run's part is written.
        var written: Bool { ![.same, .bothEmpty].contains(self) }
    }

    /// A changed part is written with the run's bytes; an unchanged one is not; the other parts
    /// (one unchanged, one changed, both copies with their own storage) are judged alike.
    @Test(arguments: Case.allCases)
    func onlyChangedPartsAreWritten(_ c: Case) {
        let (stored, run) = c.parts
        var storedParts: [String: [UInt8]] = ["kept": [1, 2, 3], "other": [9, 9]]
        storedParts["p"] = stored
        // Copies with their own buffers, so no comparison can succeed on identity alone.
        let runParts: [String: [UInt8]] = ["kept": Array([1, 2, 3][...]), "other": [9, 8], "p": Array(run[...])]
        let written = StatePartChanges.changed(runParts, from: storedParts)
        #expect(Set(written.keys) == (c.written ? ["p", "other"] : ["other"]))
        #expect(written["other"] == [9, 8])
        if c.written { #expect(written["p"] == run) }
        #expect(StatePartChanges.sameBytes(stored ?? [], run) == (stored != nil && !c.written))
    }
}
