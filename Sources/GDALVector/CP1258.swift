import Foundation

/// Windows-1258 (Vietnamese) decoding in Swift: GDAL 3.6 recodes it through glibc's iconv, whose
/// CP1258 converter holds the last character back (it may take a combining tone mark) and is never
/// flushed, so every text value and field name loses its last character.
enum CP1258 {
    /// Code points of bytes 0x80–0x9F (U+FFFD where the code page defines none).
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152,
        0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
    ]
    /// Bytes 0xA0–0xFF that differ from Latin-1: Vietnamese letters and combining tone marks.
    private static let vietnamese: [UInt8: UInt32] = [
        0xC3: 0x0102, 0xCC: 0x0300, 0xD0: 0x0110, 0xD2: 0x0309, 0xD5: 0x01A0, 0xDD: 0x01AF, 0xDE: 0x0303,
        0xE3: 0x0103, 0xEC: 0x0301, 0xF0: 0x0111, 0xF2: 0x0323, 0xF5: 0x01A1, 0xFD: 0x01B0, 0xFE: 0x20AB,
    ]

    /// The text of a NUL-terminated CP1258 string, composed to NFC (tone marks are separate bytes).
    static func decode(_ pointer: UnsafePointer<CChar>) -> String {
        var scalars = String.UnicodeScalarView()
        var p = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            let b = p.pointee
            let value: UInt32 =
                b < 0x80 ? UInt32(b) : b < 0xA0 ? high[Int(b - 0x80)] : vietnamese[b] ?? UInt32(b)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            p += 1
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}
