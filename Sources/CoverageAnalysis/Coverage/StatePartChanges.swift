import Foundation

/// The parts of a run state a what-if run must write: those the stored run lacks or holds with
/// other bytes.
///
/// The parts are compared with `memcmp` (the standard library's `[UInt8] ==` compares element by
/// element: 0.13 G instructions for the ≈ 5,000 parts of a national state).
enum StatePartChanges {
    /// The parts of `encoded` whose bytes differ from `stored`'s part of the same name, or that
    /// `stored` does not hold.
    static func changed(_ encoded: [String: [UInt8]], from stored: [String: [UInt8]]) -> [String: [UInt8]] {
        encoded.filter { name, bytes in
            guard let old = stored[name] else { return true }
            return !sameBytes(old, bytes)
        }
    }

    /// Whether `a` and `b` hold the same bytes.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress, x.count > 0 else { return true }
                return p == q || memcmp(p, q, x.count) == 0
            }
        }
    }
}
