import Foundation
import Testing

@testable import CoverageModel

/// A value held by `LateRelease` is freed on the thread that releases it, and only then.
@Suite struct LateReleaseTests {
    /// Records the thread its deinit runs on.
    final class Tracked: Sendable {
        let onDeinit: @Sendable (UInt) -> Void
        init(_ onDeinit: @escaping @Sendable (UInt) -> Void) { self.onDeinit = onDeinit }
        deinit { onDeinit(LateReleaseTests.threadID()) }
    }

    /// Where the tracked value's deinit ran (nil: not yet), under a lock.
    ///
    /// `@unchecked Sendable`: both stored vars are read and written only under `lock`.
    final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (thread: UInt, count: Int)?
        private var releaser: UInt?
        func set(_ thread: UInt) { lock.withLock { value = (thread, (value?.count ?? 0) + 1) } }
        var get: (thread: UInt, count: Int)? { lock.withLock { value } }
        func setReleaser(_ thread: UInt) { lock.withLock { releaser = thread } }
        var releasingThread: UInt? { lock.withLock { releaser } }
    }

    /// The calling thread's pthread id.
    static func threadID() -> UInt { UInt(pthread_self()) }

    @Test func theValueIsFreedOnTheReleasingThreadOnce() throws {
        let record = Record()
        var held: LateRelease<[Tracked]>? = LateRelease([Tracked { record.set($0) }])
        let late = try #require(held)
        held = nil
        #expect(record.get == nil)  // still held by `late`
        let done = DispatchSemaphore(value: 0)
        Thread {
            record.setReleaser(Self.threadID())
            late.release()
            done.signal()
        }.start()
        done.wait()
        #expect(record.get?.thread == record.releasingThread)
        #expect(record.get?.thread != Self.threadID())
        #expect(record.get?.count == 1)
        late.release()  // a second release frees nothing more
        #expect(record.get?.count == 1)
    }
}
