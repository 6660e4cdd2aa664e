import Testing

@testable import CoverageAnalysis

/// `StateReader` reads arrays of integers with one copy: the values are those written, at any
/// offset (unaligned), and a count past the end reads nothing.
@Suite struct RunStateReaderTests {
    /// Values read back as written after a string of `lead` bytes (so the arrays start unaligned).
    @Test(arguments: [0, 1, 3, 5])
    func arraysReadBackAsWritten(lead: Int) {
        let small: [UInt32] = [0, 1, 0x8000_0000, 0xFFFF_FFFF, 0x0102_0304]
        let large: [Int64] = [0, -1, Int64.min, Int64.max, 0x0102_0304_0506_0708, 42]
        var w = StateWriter()
        let prefix = String(repeating: "x", count: lead)
        w.strings([prefix])
        w.uint32s(small)
        w.ints(large)
        w.uint32s([])
        w.ints([])
        w.int(7)
        var r = StateReader(w.take())
        #expect(r.strings() == [prefix])
        #expect(r.uint32s() == small)
        #expect(r.ints() == large)
        #expect(r.uint32s() == [])
        #expect(r.ints() == [])
        #expect(r.int() == 7)
        #expect(r.atEnd)
    }

    /// A count larger than the bytes left reads nothing (nil), whatever the width.
    @Test func countPastTheEndIsRefused() {
        var w = StateWriter()
        w.int(3)
        w.int(1)  // 8 bytes: room for two 32-bit values, not three, and one 64-bit value, not three
        let bytes = w.take()
        var narrow = StateReader(bytes)
        #expect(narrow.uint32s() == nil)
        var wide = StateReader(bytes)
        #expect(wide.ints() == nil)
    }
}
