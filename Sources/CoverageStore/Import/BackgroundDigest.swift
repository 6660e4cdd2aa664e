import Foundation

/// A dataset's SHA-256 computed on another thread while the file is parsed, so that a file that
/// fails early is refused without being read to the end; cancelled when the import stops.
final class BackgroundDigest: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var outcome: Result<String, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `compute` on a global queue; it should poll its argument and stop when it returns true.
    init(_ compute: @escaping @Sendable (_ isCancelled: () -> Bool) throws -> String) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let result = Result { try compute { self.isCancelled } }
            lock.withLock { outcome = result }
            finished.signal()
        }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// Waits for the digest and returns it (or rethrows what stopped it).
    func value() throws -> String {
        finished.wait()
        finished.signal()
        guard let done = lock.withLock({ outcome }) else { throw CancellationError() }
        return try done.get()
    }

    /// Stops the computation and waits for the worker to let go of the file (at most one chunk).
    func cancel() {
        lock.withLock { cancelled = true }
        finished.wait()
        finished.signal()
    }
}
