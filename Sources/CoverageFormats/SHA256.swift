import CCrypto
import Foundation

/// A streaming SHA-256 (FIPS 180-4) computed by OpenSSL's libcrypto (`EVP_sha256`), which picks the
/// CPU's SHA extensions (SHA-NI) or vector code at run time.
///
/// A value type like the pure-Swift one it replaced (D2, reversed for the hash in issue 18): a copy
/// hashes on independently (copy on write of the OpenSSL context), and `finalize` leaves the state as it is.
public struct SHA256: Sendable {
    private var context: DigestContext

    /// A fresh hash state.
    public init() { context = DigestContext() }

    /// Feeds more bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.update(bytes)
    }

    /// Feeds more bytes from an array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything fed so far (the state itself is left unchanged).
    public func finalize() -> [UInt8] {
        context.copy().finish()
    }

    /// The digest of `bytes` in one call.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// Lower-case hexadecimal text of a digest.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex SHA-256 of a file, read in 1 MiB chunks; `isCancelled` is asked before each chunk.
    ///
    /// - Throws: `FormatError` at `.file` when the file cannot be read, `CancellationError` when cancelled.
    public static func hexDigest(ofFile path: String, isCancelled: () -> Bool = { false }) throws -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let reader = try WholeChunkFile(path: path, name: name)
        var h = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            if isCancelled() { throw CancellationError() }
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            buffer.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hex(h.finalize())
    }
}

/// An OpenSSL digest context set up for SHA-256, freed with its owner.
///
/// `@unchecked Sendable`: `SHA256` mutates a context only while it holds the sole reference to it
/// (copy on write), so no two threads ever touch one context.
private final class DigestContext: @unchecked Sendable {
    private let context: OpaquePointer

    /// A context initialised for SHA-256.
    init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: EVP_MD_CTX_new failed (out of memory)") }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto: EVP_DigestInit_ex(EVP_sha256) failed")
        }
        self.context = context
    }

    /// A context that continues from this one's state.
    private init(copying other: DigestContext) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: EVP_MD_CTX_new failed (out of memory)") }
        guard EVP_MD_CTX_copy_ex(context, other.context) == 1 else {
            fatalError("libcrypto: EVP_MD_CTX_copy_ex failed")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// An independent copy of the state.
    func copy() -> DigestContext { DigestContext(copying: self) }

    /// Hashes more bytes.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            fatalError("libcrypto: EVP_DigestUpdate failed")
        }
    }

    /// The digest; the context is finished (used by a copy only).
    func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1, length == 32 else {
            fatalError("libcrypto: EVP_DigestFinal_ex failed")
        }
        return Array(out[0..<32])
    }
}

/// A file read with `read(2)` straight into the caller's buffer, as many bytes as it holds per call
/// (Foundation's `FileHandle.read(upToCount:)` reads 4 KiB a system call and copies through `Data`).
private final class WholeChunkFile {
    private let handle: FileHandle
    private let name: String

    /// Opens the file at `path`; `name` is used in error messages.
    init(path: String, name: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError(file: name, location: .file, reason: "cannot open file")
        }
        self.handle = handle
        self.name = name
    }

    deinit { try? handle.close() }

    /// Fills the start of `buffer` with the next bytes; returns how many (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let n = Foundation.read(handle.fileDescriptor, base + filled, buffer.count - filled)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(
                    file: name, location: .file, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            filled += n
        }
        return filled
    }
}
