import Foundation

/// The single-byte and UTF-8 text encodings found in DBF files.
public enum DBFTextEncoding: String, Sendable {
    /// UTF-8 (the default; invalid sequences are an error).
    case utf8 = "UTF-8"
    /// Windows-1252 (Western European "ANSI").
    case windows1252 = "windows-1252"
    /// ISO-8859-1 (Latin-1): each byte is the code point of the same value.
    case latin1 = "ISO-8859-1"

    /// The encoding named by a `.cpg` file's text ("UTF-8", "1252", "ISO-8859-1", "latin1", ...).
    public init?(codePageName: String) {
        let n = codePageName.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            .replacingOccurrences(of: "_", with: "-")
        switch n {
        case "UTF-8", "UTF8", "65001": self = .utf8
        case "1252", "CP1252", "WINDOWS-1252", "ANSI 1252", "ANSI-1252": self = .windows1252
        case "ISO-8859-1", "ISO8859-1", "8859-1", "88591", "LATIN1", "LATIN-1", "28591", "ISO-88591": self = .latin1
        default: return nil
        }
    }

    /// Decodes bytes; nil when they are not valid in this encoding (only possible for UTF-8).
    func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        switch self {
        case .utf8:
            guard UTF8Validation.firstInvalidByte(bytes, from: 0, to: bytes.count) == nil else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return String(s)
        case .windows1252:
            var s = String.UnicodeScalarView()
            for b in bytes {
                if b >= 0x80, b <= 0x9F, let u = Unicode.Scalar(DBFTextEncoding.cp1252High[Int(b - 0x80)]) {
                    s.append(u)
                } else {
                    s.append(Unicode.Scalar(b))
                }
            }
            return String(s)
        }
    }

    /// Windows-1252 code points for bytes 0x80...0x9F (undefined bytes map to C1 controls).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
