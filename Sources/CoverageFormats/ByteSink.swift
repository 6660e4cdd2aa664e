import Foundation

/// A buffered byte sink writing to a file, to standard output, or to memory.
///
/// Bytes are collected in a buffer and flushed in large chunks; `close()` flushes the rest.
public final class ByteSink {
    /// The bytes not yet flushed (or, for an in-memory sink, every byte written).
    public private(set) var buffer: [UInt8] = []
    /// Standard output, when the sink writes there.
    private let handle: FileHandle?
    /// The output file, when the sink writes one.
    public let file: OutputFile?
    private let commitOnClose: Bool
    private let flushThreshold: Int
    /// The number of bytes written so far, flushed or not.
    public private(set) var bytesWritten: Int = 0
    private var closed = false

    /// Opens a sink on `path` (standard output when nil); `close()` puts the complete file in place.
    ///
    /// The bytes go to a temporary file beside `path` (see `OutputFile`): an existing target that is
    /// not a regular file is refused, and a run that fails or is killed leaves the target as it was.
    public convenience init(path: String?, bufferSize: Int = 1 << 20) throws {
        if let path {
            self.init(file: try OutputFile(path: path), bufferSize: bufferSize)
        } else {
            self.init(handle: FileHandle.standardOutput, bufferSize: bufferSize)
        }
    }

    /// Opens a sink on an output file, committed by `close()` unless `commitOnClose` is false.
    ///
    /// Without it the caller commits the file, e.g. after the other files of a folder are written.
    public init(file: OutputFile, commitOnClose: Bool = true, bufferSize: Int = 1 << 20) {
        self.file = file
        self.commitOnClose = commitOnClose
        handle = nil
        flushThreshold = max(4096, bufferSize)
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    private init(handle: FileHandle, bufferSize: Int) {
        self.handle = handle
        file = nil
        commitOnClose = false
        flushThreshold = max(4096, bufferSize)
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// A sink that keeps every byte in `buffer` (for tests and small documents).
    public init() {
        handle = nil
        file = nil
        commitOnClose = false
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

    /// Appends `bytes`; a chunk of at least the flush threshold, going to a file or standard output,
    /// is written from where it lies after the bytes buffered before it (not copied into the buffer).
    public func append(chunk bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count >= flushThreshold, file != nil || handle != nil else { return append(bytes: bytes) }
        try flush()
        try write(UnsafeRawBufferPointer(bytes))
        bytesWritten += bytes.count
    }

    /// Flushes when the buffer is past its threshold.
    @inline(__always)
    public func flushIfNeeded() throws {
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes the buffered bytes to the file or stdout (no-op for an in-memory sink).
    public func flush() throws {
        guard !buffer.isEmpty, file != nil || handle != nil else { return }
        try buffer.withUnsafeBytes { try write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `raw` to the file or stdout.
    private func write(_ raw: UnsafeRawBufferPointer) throws {
        if let file {
            try file.write(raw)
        } else if let handle, let base = raw.baseAddress {
            // The bytes handed over as they are, not copied: they outlive the call.
            try handle.write(
                contentsOf: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
    }

    /// Flushes; a file is then committed (or only finished, see `init(file:commitOnClose:)`),
    /// standard output is flushed, not closed.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        if commitOnClose { try file?.commit() } else { try file?.finishWriting() }
    }

    /// The in-memory contents as UTF-8 text (for in-memory sinks).
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}
