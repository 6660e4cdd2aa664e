import CoverageModel
import Foundation

/// A run of parsed household rows handed from the parsing thread to the writing one, in file order.
///
/// `@unchecked Sendable`: a chunk belongs to one thread at a time; it changes hands only through
/// ``HouseholdChunkChannel``, whose lock orders the one thread's writes before the other's reads.
final class HouseholdChunk: @unchecked Sendable {
    /// The rows, in 64-row INSERT batches filled in order (the first `filled + 1` hold rows).
    let batches: [HouseholdInsertBatch]
    /// The batch being filled.
    private(set) var filled = 0
    /// The rows held.
    private(set) var rows = 0
    /// The file's bytes consumed up to the last row held (estimated from field lengths; for the ETA).
    var bytes = 0.0
    /// Rows outside the plausible extent, for the import's warning, in file order.
    var outside: [(line: Int, coordinate: Coordinate)] = []
    /// Set when the first row's id repeats an earlier row's hash: the writer looks it up in the
    /// table (every earlier row written) before writing this chunk.
    var repeatedID: (line: Int, id: String)?
    /// Set on the last chunk of a parse that failed: the writer reports it after the rows held.
    var failure: (any Error)?
    /// Set on the last chunk: no more follow.
    var isLast = false

    /// An empty chunk of `batchCount` batches of `HouseholdBulkImport.batchRows` rows.
    init(batchCount: Int) {
        batches = (0..<batchCount).map { _ in HouseholdInsertBatch(capacity: HouseholdBulkImport.batchRows) }
    }

    /// The batch the next row goes into, or nil when the chunk is full.
    var nextBatch: HouseholdInsertBatch? {
        if batches[filled].isFull {
            guard filled + 1 < batches.count else { return nil }
            filled += 1
        }
        return batches[filled]
    }

    /// Counts one more row appended to `nextBatch`.
    func rowAdded() { rows += 1 }

    /// The batches holding rows, in order.
    var batchesHeld: ArraySlice<HouseholdInsertBatch> { batches[0...filled] }

    /// Empties the chunk for reuse (its batches must have been written, which empties them).
    func reset() {
        filled = 0
        rows = 0
        outside.removeAll(keepingCapacity: true)
        repeatedID = nil
        failure = nil
        isLast = false
    }
}

/// A bounded, ordered hand-over of ``HouseholdChunk``s between one parsing and one writing thread,
/// recycling a fixed set of chunks (so memory stays bounded whatever the file's size).
///
/// `@unchecked Sendable`: every stored property is touched only while holding `condition`.
final class HouseholdChunkChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [HouseholdChunk]
    private var sent: [HouseholdChunk] = []
    private var cancelled = false

    /// A channel recycling `chunks` chunks of `batchesPerChunk` INSERT batches each.
    init(chunks: Int, batchesPerChunk: Int) {
        free = (0..<chunks).map { _ in HouseholdChunk(batchCount: batchesPerChunk) }
    }

    /// An empty chunk to fill (waits for one), or nil once the writer has cancelled.
    func emptyChunk() -> HouseholdChunk? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    /// Hands a filled chunk to the writer.
    func send(_ chunk: HouseholdChunk) {
        condition.lock()
        sent.append(chunk)
        condition.signal()
        condition.unlock()
    }

    /// The next chunk in file order (waits for it).
    func receive() -> HouseholdChunk {
        condition.lock()
        defer { condition.unlock() }
        while sent.isEmpty { condition.wait() }
        return sent.removeFirst()
    }

    /// Gives a written chunk back for reuse.
    func recycle(_ chunk: HouseholdChunk) {
        chunk.reset()
        condition.lock()
        free.append(chunk)
        condition.signal()
        condition.unlock()
    }

    /// Stops the parser: its next `emptyChunk` returns nil (the writer failed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
