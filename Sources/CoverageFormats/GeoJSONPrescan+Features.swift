/// A FeatureCollection's top-level `features` array cut, at commas between features, into chunks
/// that can be parsed apart (found by the prescan, which does not validate: a chunk parse that
/// disagrees with it falls back to the sequential parse).
struct FeatureChunks: Sendable, Equatable {
    /// Offset of the array's `[`.
    var arrayStart: Int
    /// Offsets of the commas (between two features) where one chunk ends and the next begins.
    var cuts: [Int]
    /// For each cut, the features before it: the index of the first feature after it.
    var featuresBefore: [Int]
    /// Offset of the array's closing `]`.
    var arrayEnd: Int

    /// The number of chunks.
    var count: Int { cuts.count + 1 }

    /// Where chunk `k` starts: just after the `[`, or at the comma before its first feature.
    func start(_ k: Int) -> Int { k == 0 ? arrayStart + 1 : cuts[k - 1] }

    /// Where chunk `k` ends: at the comma after its last feature, or at the closing `]`.
    func end(_ k: Int) -> Int { k == cuts.count ? arrayEnd : cuts[k] }

    /// The index of chunk `k`'s first feature in the file.
    func firstIndex(_ k: Int) -> Int { k == 0 ? 0 : featuresBefore[k - 1] }
}

extension GeoJSONPrescan {
    /// Skips the array starting at the scanner's position (a `[`), as ``fastSkip(_:)`` would, and
    /// records a cut at the first comma between elements after every `every` bytes; nil when the input
    /// ends first or holds a control byte outside strings.
    static func cutFeatures(_ s: inout JSONScanner, every: Int) -> FeatureChunks? {
        skipStops.withUnsafeBufferPointer { stops in cutFeatures(&s, every: every, stops: stops) }
    }

    /// ``cutFeatures(_:every:)`` with the table of bytes that matter at hand.
    private static func cutFeatures(_ s: inout JSONScanner, every: Int, stops: UnsafeBufferPointer<Bool>)
        -> FeatureChunks?
    {
        let start = s.pos
        let b = s.bytes
        let n = s.count
        var i = start
        var depth = 0
        var commas = 0
        var last = start
        var cuts: [Int] = []
        var before: [Int] = []
        while i < n {
            while i < n, !stops[Int(b[i])] { i += 1 }
            guard i < n else { break }
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < n, b[i] != UInt8(ascii: "\"") {
                    i += b[i] == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    s.pos = i + 1
                    return FeatureChunks(arrayStart: start, cuts: cuts, featuresBefore: before, arrayEnd: i)
                }
            case UInt8(ascii: ","):
                guard depth == 1 else { break }
                commas += 1
                if i - last >= every {
                    cuts.append(i)
                    before.append(commas)
                    last = i
                }
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            case ..<0x20:
                return nil  // a control byte is never valid outside strings: binary, not JSON
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
