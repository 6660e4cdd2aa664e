import Foundation

/// Where a streaming reader gets its bytes: a file path or an in-memory buffer.
enum ByteSource: Sendable {
    case file(String)
    case memory([UInt8])

    /// The total size when it is known up front (in-memory bytes).
    var knownSize: Int? {
        if case .memory(let bytes) = self { return bytes.count }
        return nil
    }

    /// Opens a sequential reader over the bytes.
    func open(name: String) throws -> ChunkReader {
        switch self {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw FormatError(file: name, location: .file, reason: "cannot open file")
            }
            return ChunkReader(handle: handle, memory: [], name: name)
        case .memory(let bytes):
            return ChunkReader(handle: nil, memory: bytes, name: name)
        }
    }
}

/// Reads consecutive chunks from a file handle or memory.
final class ChunkReader {
    private let handle: FileHandle?
    private let memory: [UInt8]
    private var offset = 0
    private let name: String

    init(handle: FileHandle?, memory: [UInt8], name: String) {
        self.handle = handle
        self.memory = memory
        self.name = name
    }

    deinit { try? handle?.close() }

    /// Fills the start of `buffer` with the next bytes; returns how many (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if let handle {
            let data: Data?
            do {
                data = try handle.read(upToCount: buffer.count)
            } catch {
                throw FormatError(file: name, location: .file, reason: "read failed: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { return 0 }
            let n = min(data.count, buffer.count)
            data.copyBytes(to: buffer, count: n)
            return n
        }
        let n = min(memory.count - offset, buffer.count)
        guard n > 0 else { return 0 }
        memory.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
        }
        offset += n
        return n
    }
}
