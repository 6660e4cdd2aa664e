/// Text from data made safe to display: control characters and bidirectional overrides, which a
/// terminal or viewer would act on instead of showing, become visible escapes (`\x1B`, `\u{202E}`).
public enum DisplayText {
    /// True for C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `s` with every unsafe scalar not in `keeping` written as a visible escape; other text unchanged.
    public static func neutralised(_ s: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) && !keeping.contains($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isUnsafe(u) && !keeping.contains(u) {
                out.append(contentsOf: escape(u).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// `s` for a terminal: unsafe scalars escaped except line breaks and tabs (the layout's own).
    public static func terminal(_ s: String) -> String { neutralised(s, keeping: ["\n", "\t"]) }

    /// The visible escape of one scalar: `\x1B` up to 0xFF, `\u{202E}` above.
    static func escape(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        if u.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u{\(hex)}"
    }
}
