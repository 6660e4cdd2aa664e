import CoverageModel

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

/// What a pass over part of the `features` array found: cuts, the commas between elements, and
/// where it stopped (the closing `]`, or the split where the other half's pass began).
struct FeatureArrayPass: Sendable {
    var cuts: [Int] = []
    /// For each cut, the commas between elements counted by this pass up to it (itself included).
    var commasBefore: [Int] = []
    var commas = 0
    /// The offset of the closing `]` (when `closed`) or of the split.
    var end = 0
    var closed = false
}

extension GeoJSONPrescan {
    /// Files shorter than this have their array cut by one pass; longer ones by two at once.
    static let splitPassBytes = 1 << 22

    /// Skips the array starting at the scanner's position (a `[`), as ``fastSkip(_:)`` would, and
    /// records a cut at the first comma between elements after every `every` bytes; nil when the input
    /// ends first or holds a control byte outside strings.
    ///
    /// A long array is read by two passes at once: the second starts at a comma followed by `{` near
    /// the middle, taking it for a comma between elements; it is used only when the first pass
    /// arrives at that comma between elements (at depth 1, outside strings), else the second half is
    /// read again by the first pass.
    static func cutFeatures(_ s: inout JSONScanner, every: Int, splitAbove: Int = splitPassBytes) -> FeatureChunks? {
        let start = s.pos
        let bytes = SharedInput(bytes: s.bytes)
        let pass: FeatureArrayPass?
        if s.count - start >= splitAbove, ParallelChunks.defaultWorkers > 1,
            let split = splitPoint(s.bytes, from: start + (s.count - start) / 2)
        {
            let (first, second) = ParallelChunks.both(
                { scanArray(bytes.bytes, from: start, depth: 0, stopAt: split, every: every) },
                { scanArray(bytes.bytes, from: split, depth: 1, stopAt: .max, every: every) })
            if let first, first.closed {
                pass = first
            } else if let first, let second, second.closed {
                pass = FeatureArrayPass(
                    cuts: first.cuts + second.cuts,
                    commasBefore: first.commasBefore + second.commasBefore.map { $0 + first.commas },
                    commas: first.commas + second.commas, end: second.end, closed: true)
            } else {
                pass = scanArray(s.bytes, from: start, depth: 0, stopAt: .max, every: every)
            }
        } else {
            pass = scanArray(s.bytes, from: start, depth: 0, stopAt: .max, every: every)
        }
        guard let pass, pass.closed else { return nil }
        s.pos = pass.end + 1
        return FeatureChunks(arrayStart: start, cuts: pass.cuts, featuresBefore: pass.commasBefore, arrayEnd: pass.end)
    }

    /// The first comma at or after `from` (within 1 MiB) whose next byte other than JSON whitespace
    /// is `{`: in a FeatureCollection, most likely the comma between two features.
    static func splitPoint(_ b: UnsafeRawBufferPointer, from: Int) -> Int? {
        var i = from
        let limit = min(b.count, from + (1 << 20))
        while i < limit {
            if b[i] == UInt8(ascii: ",") {
                var j = i + 1
                while j < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[j]) { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: "{") { return i }
            }
            i += 1
        }
        return nil
    }

    /// One pass over the array, or part of it, recording cuts.
    ///
    /// From `from` (the array's `[` at `depth` 0, or a comma between elements at `depth` 1) to the
    /// array's closing `]`, or to `stopAt`, which it must reach outside strings at depth 1; a comma
    /// between elements at `from` is a cut. Nil when the input ends first, holds a control
    /// byte outside strings, or `stopAt` is not reached between elements.
    static func scanArray(_ b: UnsafeRawBufferPointer, from: Int, depth startDepth: Int, stopAt: Int, every: Int)
        -> FeatureArrayPass?
    {
        skipStops.withUnsafeBufferPointer { stops in
            scanArray(b, from: from, depth: startDepth, stopAt: stopAt, every: every, stops: stops)
        }
    }

    /// ``scanArray(_:from:depth:stopAt:every:)`` with the table of bytes that matter at hand.
    private static func scanArray(
        _ b: UnsafeRawBufferPointer, from: Int, depth startDepth: Int, stopAt: Int, every: Int,
        stops: UnsafeBufferPointer<Bool>
    ) -> FeatureArrayPass? {
        let n = b.count
        var pass = FeatureArrayPass()
        var i = from
        var depth = startDepth
        var last = from
        if startDepth == 1 {
            // Starting at a comma between elements: a cut of its own.
            pass.commas = 1
            pass.cuts.append(from)
            pass.commasBefore.append(1)
            i += 1
        }
        while i < n {
            while i < n, !stops[Int(b[i])] { i += 1 }
            guard i < n else { break }
            if i >= stopAt {
                guard i == stopAt, depth == 1 else { return nil }
                pass.end = i
                return pass
            }
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
                    pass.end = i
                    pass.closed = true
                    return pass
                }
            case UInt8(ascii: ","):
                guard depth == 1 else { break }
                pass.commas += 1
                if i - last >= every {
                    pass.cuts.append(i)
                    pass.commasBefore.append(pass.commas)
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
