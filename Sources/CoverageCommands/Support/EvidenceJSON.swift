import CoverageAnalysis
import CoverageModel
import Foundation

/// The JSON of `covaudit evidence -f json`: byte for byte what `JSONOutput.encode` prints for the
/// result, with the commune rows (nearly all of the 57 MB at national scale) encoded in chunks on
/// all cores and spliced into the encoding of the rest.
enum EvidenceJSON {
    /// Rows per chunk (a few MB of JSON; six chunks at national scale).
    static let rowsPerChunk = 2048

    /// The pretty, key-sorted JSON of `result`, equal to `JSONOutput.encode(result)`.
    static func encode(_ result: EvidenceResult) throws -> String {
        let rows = result.rows
        guard !rows.isEmpty else { return try JSONOutput.encode(result) }
        var shell = result
        shell.rows = []
        let outer = [UInt8](try JSONOutput.data(shell))
        // The encoder writes an empty top-level array this way; the rows go between the brackets.
        let empty = Array("\n  \"rows\" : [\n\n  ]".utf8)
        guard let at = firstRange(of: empty, in: outer) else { return try JSONOutput.encode(result) }
        let chunks = ParallelChunks.map(0..<rows.count, chunkCount: max(1, rows.count / rowsPerChunk)) { _, range in
            Result { [UInt8](try JSONOutput.data(Array(rows[range]))) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(outer.count + rows.count * 2000)
        out += outer[..<at.lowerBound]
        out += Array("\n  \"rows\" : [\n".utf8)
        for (c, chunk) in chunks.enumerated() {
            if c > 0 { out += Array(",\n".utf8) }
            try appendElements(of: chunk.get(), to: &out)
        }
        out += Array("\n  ]".utf8)
        out += outer[at.upperBound...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the elements of a pretty top-level array (`[\n  …\n]`) one level deeper, as they
    /// appear inside the result's object: two more spaces at the start of every line that is not
    /// blank (the encoder writes an empty object as `{`, a blank line and `}`).
    static func appendElements(of array: [UInt8], to out: inout [UInt8]) throws {
        let newline = UInt8(ascii: "\n")
        let space = UInt8(ascii: " ")
        guard array.count >= 4, array[0] == UInt8(ascii: "["), array[1] == newline,
            array[array.count - 2] == newline, array[array.count - 1] == UInt8(ascii: "]")
        else {
            throw EncodingError.invalidValue(
                array.count, .init(codingPath: [], debugDescription: "not a pretty JSON array"))
        }
        let body = array[2..<(array.count - 2)]
        out += [space, space]
        var i = body.startIndex
        while i < body.endIndex {
            let b = body[i]
            out.append(b)
            i += 1
            if b == newline, i < body.endIndex, body[i] != newline { out += [space, space] }
        }
    }

    /// The first place `needle` occurs in `haystack`.
    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) {
                return i..<(i + needle.count)
            }
            i += 1
        }
        return nil
    }
}
