import CoverageModel

/// Visiting order of points along a Z-order (Morton) curve, so that consecutive queries touch nearby
/// index cells: classifying households in file order (often random) is bound by cache misses.
package enum SpatialOrder {
    /// Fills `keys` with one entry per point, sorted along the curve over the points' bounding box.
    ///
    /// A key's high 32 bits are the curve position, its low 32 bits the point's index (`count` < 2³²).
    /// `scratch` is working space, kept between calls.
    package static func sort(
        _ points: UnsafeBufferPointer<Coordinate>, into keys: inout [UInt64], scratch: inout [UInt64]
    ) {
        keys.removeAll(keepingCapacity: true)
        var minX = Double.infinity
        var minY = Double.infinity
        var maxX = -Double.infinity
        var maxY = -Double.infinity
        for p in points where p.isFinite {
            minX = Swift.min(minX, p.x)
            maxX = Swift.max(maxX, p.x)
            minY = Swift.min(minY, p.y)
            maxY = Swift.max(maxY, p.y)
        }
        let sx = maxX > minX ? 65535 / (maxX - minX) : 0
        let sy = maxY > minY ? 65535 / (maxY - minY) : 0
        keys.reserveCapacity(points.count)
        for (i, p) in points.enumerated() {
            let key = spread(quantise((p.x - minX) * sx)) | spread(quantise((p.y - minY) * sy)) << 1
            keys.append(key << 32 | UInt64(truncatingIfNeeded: i))
        }
        radixSortHigh32(&keys, scratch: &scratch)
    }

    /// Sorts by the high 32 bits, stably (the low bits ascend already): two 16-bit counting passes.
    private static func radixSortHigh32(_ keys: inout [UInt64], scratch: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        // Same length as `keys`, since the passes swap the two arrays.
        if scratch.count > n { scratch.removeLast(scratch.count - n) }
        if scratch.count < n { scratch += repeatElement(0, count: n - scratch.count) }
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift: UInt64 in [32, 48] {
            counts.withUnsafeMutableBufferPointer { c in
                for i in 0..<c.count { c[i] = 0 }
                keys.withUnsafeBufferPointer { src in
                    for k in src { c[Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)] += 1 }
                    var total = 0
                    for i in 0..<c.count {
                        let v = c[i]
                        c[i] = total
                        total += v
                    }
                    scratch.withUnsafeMutableBufferPointer { dst in
                        for k in src {
                            let d = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
                            dst[c[d]] = k
                            c[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
    }

    /// The point index held in a key.
    @inlinable
    package static func index(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key & 0xFFFF_FFFF) }

    /// A grid step 0…65535 (non-finite input: 0).
    @inline(__always)
    private static func quantise(_ v: Double) -> UInt64 {
        guard v > 0 else { return 0 }
        return v >= 65535 ? 65535 : UInt64(v)
    }

    /// The 16 low bits of `v` moved to the even bit positions.
    @inline(__always)
    private static func spread(_ v: UInt64) -> UInt64 {
        var x = v & 0xFFFF
        x = (x | (x << 8)) & 0x00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333
        x = (x | (x << 1)) & 0x5555_5555
        return x
    }
}
