import Foundation

/// A buffered byte sink writing to a file, to standard output, or to memory.
///
/// Bytes are collected in a buffer and flushed in large chunks; `close()` flushes the rest.
public final class ByteSink {
    /// The bytes not yet flushed (or, for an in-memory sink, every byte written).
    public private(set) var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let ownsHandle: Bool
    private let flushThreshold: Int
    /// The number of bytes written so far, flushed or not.
    public private(set) var bytesWritten: Int = 0
    private var closed = false

    /// Opens a sink on `path` (created or truncated), on standard output when `path` is nil.
    public init(path: String?, bufferSize: Int = 1 << 20) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let h = FileHandle(forWritingAtPath: path)
            else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            handle = h
            ownsHandle = true
        } else {
            handle = FileHandle.standardOutput
            ownsHandle = false
        }
        flushThreshold = max(4096, bufferSize)
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// A sink that keeps every byte in `buffer` (for tests and small documents).
    public init() {
        handle = nil
        ownsHandle = false
        flushThreshold = Int.max
    }

    /// Appends one byte.
    @inline(__always)
    public func append(_ byte: UInt8) {
        buffer.append(byte)
        bytesWritten += 1
    }

    /// Appends the UTF-8 bytes of a string verbatim.
    public func append(_ text: String) {
        var t = text
        t.withUTF8 { utf8 in
            buffer.append(contentsOf: utf8)
            bytesWritten += utf8.count
        }
    }

    /// Appends raw bytes.
    public func append(bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        bytesWritten += bytes.count
    }

    /// Flushes when the buffer is past its threshold.
    @inline(__always)
    public func flushIfNeeded() throws {
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes the buffered bytes to the file or stdout (no-op for an in-memory sink).
    public func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            try handle.write(contentsOf: Data(bytes: base, count: raw.count))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file (standard output is flushed, not closed).
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        if ownsHandle { try handle?.close() }
    }

    /// The in-memory contents as UTF-8 text (for in-memory sinks).
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}
