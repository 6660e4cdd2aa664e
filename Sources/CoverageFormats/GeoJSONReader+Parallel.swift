import CoverageModel
import Foundation

extension GeoJSONReader {
    /// Calls `body` with each feature in file order, as ``forEachFeature(_:)`` does, after `prepare`;
    /// when the reader was opened `parallel` and the file is a FeatureCollection, the features are
    /// parsed and prepared on worker threads, a chunk of the `features` array each (at most a few
    /// chunks ahead of `body`), while `body` runs on the calling thread.
    ///
    /// The features, their order and every error are those of the sequential parse: a chunk is used
    /// only when it parsed without error and ended exactly where the next begins; from the first
    /// chunk that did not, the rest of the file is parsed sequentially, which reports the error.
    ///
    /// - Throws: as ``forEachFeature(_:)``.
    public func forEachFeature<Prepared: Sendable>(
        prepare: @escaping @Sendable (Feature) -> Prepared, _ body: (Prepared) throws -> Void
    ) throws {
        let workers = ParallelChunks.defaultWorkers
        guard let chunks = featureChunks, chunks.count > 1, workers > 1 else {
            return try forEachFeature { try body(prepare($0)) }
        }
        let name = self.name
        try storage.withUnsafeBytes { raw in
            let input = SharedInput(bytes: raw)
            try ParallelChunks.ordered(
                count: chunks.count, ahead: 2 * workers + 1, workers: workers,
                produce: { k in
                    FeatureChunkParse.parse(chunk: k, of: chunks, in: input.bytes, file: name, prepare: prepare)
                }
            ) { results in
                try withoutActuallyEscaping(body) { body in
                    var driver = GeoJSONDriver(scanner: JSONScanner(raw), file: name)
                    driver.featureArray = ChunkDelivery(chunks: chunks, results: results, body: body)
                    try driver.run { try body(prepare($0)) }
                }
            }
        }
    }
}

/// The features of the `features` array delivered by someone else than the driver's own loop.
protocol FeatureArrayDelivery {
    /// Offset of the array's `[`: the delivery applies to that array only.
    var arrayStart: Int { get }
    /// Hands the features over in order; returns where the driver's own loop takes over.
    func deliver() throws -> FeatureArrayResume
}

/// Where the driver's loop over the `features` array resumes after a delivery.
struct FeatureArrayResume {
    /// The scanner position: the comma before the next feature, or the closing `]`.
    var position: Int
    /// True when no feature was read yet (no comma expected before the next one).
    var first: Bool
    /// The index of the next feature.
    var nextIndex: Int
}

/// One chunk's outcome: its prepared features, or nil when the parse failed or ended elsewhere
/// than at the chunk's end (the sequential parse then takes over from the chunk's start).
typealias ChunkOutcome<Prepared> = [Prepared]?

/// The input bytes shared with the worker threads.
///
/// `@unchecked Sendable`: the bytes are only read, and `ParallelChunks.ordered` and `both` join every
/// thread they start before they return, inside the `withUnsafeBytes` that keeps the bytes valid.
struct SharedInput: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

/// Parses one chunk of the `features` array on a worker thread.
enum FeatureChunkParse {
    /// Chunk `k`'s features, prepared, when it parses without error and ends exactly at the chunk's end.
    static func parse<Prepared>(
        chunk k: Int, of chunks: FeatureChunks, in bytes: UnsafeRawBufferPointer, file: String,
        prepare: (Feature) -> Prepared
    ) -> ChunkOutcome<Prepared> {
        let end = chunks.end(k)
        var driver = GeoJSONDriver(scanner: JSONScanner(bytes), file: file)
        driver.s.pos = chunks.start(k)
        driver.s.depth = 2  // inside the top-level object and its `features` array
        driver.nextIndex = chunks.firstIndex(k)
        var first = k == 0
        var out: [Prepared] = []
        do {
            while true {
                driver.s.skipWhitespace()
                if driver.s.pos == end { break }
                guard driver.s.pos < end, try driver.s.nextElement(first: &first) else { return nil }
                out.append(prepare(try driver.feature()))
            }
        } catch {
            return nil
        }
        if k + 1 < chunks.count, chunks.firstIndex(k) + out.count != chunks.firstIndex(k + 1) { return nil }
        return out
    }
}

/// Hands the chunks' features to `body` in order, on the calling thread.
struct ChunkDelivery<Prepared: Sendable>: FeatureArrayDelivery {
    let chunks: FeatureChunks
    let results: OrderedResults<ChunkOutcome<Prepared>>
    let body: (Prepared) throws -> Void

    var arrayStart: Int { chunks.arrayStart }

    func deliver() throws -> FeatureArrayResume {
        var delivered = 0
        for k in 0..<chunks.count {
            guard let outcome = results.next(), let features = outcome else {
                return FeatureArrayResume(position: chunks.start(k), first: k == 0, nextIndex: chunks.firstIndex(k))
            }
            for feature in features { try body(feature) }
            delivered += features.count
        }
        return FeatureArrayResume(position: chunks.arrayEnd, first: delivered == 0, nextIndex: delivered)
    }
}
