import CoverageFormats
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("known vectors")
    func vectors() {
        #expect(SHA256.hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(SHA256.digest(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(SHA256.hex(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// FIPS 180-4 / NIST example values, fed in pieces of every size from 1 to 97 bytes in turn.
    @Test(
        "known vectors in odd pieces",
        arguments: [
            ("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            ("a", 1_000_000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
            ("", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ])
    func vectorsInPieces(_ text: String, _ repeats: Int, _ expected: String) {
        let data = Array(repeatElement(Array(text.utf8), count: repeats).joined())
        var h = SHA256()
        var i = 0
        var step = 1
        while i < data.count {
            let end = min(data.count, i + step)
            data.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[i..<end])) }
            i = end
            step = step % 97 + 1
        }
        #expect(SHA256.hex(h.finalize()) == expected)
    }

    @Test("a copy hashes on independently and finalize leaves the state as it was")
    func valueSemantics() {
        var h = SHA256()
        h.update(Array("ab".utf8))
        var copy = h
        copy.update(Array("c".utf8))
        #expect(SHA256.hex(copy.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(copy.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // "ab": the value `sha256sum` gives for the two bytes.
        #expect(SHA256.hex(h.finalize()) == "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603")
        h.update(Array("c".utf8))
        #expect(SHA256.hex(h.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("odd chunking matches one-shot")
    func chunking() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var h = SHA256()
        var i = 0
        var step = 1
        while i < data.count {
            let end = min(data.count, i + step)
            h.update(Array(data[i..<end]))
            i = end
            step = step % 70 + 3
        }
        #expect(h.finalize() == SHA256.digest(data))
    }

    @Test("file digest matches sha256sum of the reference GeoJSON")
    func file() throws {
        let path = TestPathsShim.refdata("tn_communes_2025.geojson")
        let digest = try SHA256.hexDigest(ofFile: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.hasPrefix(digest))
    }
}
