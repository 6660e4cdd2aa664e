import CoverageModel

/// Text for stdout as ``DisplayText/terminal(_:)`` makes it, with the scalar-by-scalar check skipped
/// when a byte scan shows that nothing can need an escape (a national table is 1.7 MB).
enum TerminalText {
    /// `text` with its unsafe scalars escaped, line feeds and tabs kept.
    static func safe(_ text: String) -> String {
        mayHoldUnsafe(text) ? DisplayText.terminal(text) : text
    }

    /// False when `text` holds no unsafe scalar other than a line feed or tab, decided on the UTF-8
    /// bytes: no other C0 control, no DEL, no C1 control (0xC2 0x80–0x9F) and no bidirectional
    /// control (0xE2 0x80 0xAA–0xAE, 0xE2 0x81 0xA6–0xA9).
    static func mayHoldUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            while i < n {
                let byte = utf8[i]
                switch byte {
                case 0x0A, 0x09: break
                case 0x00..<0x20, 0x7F: return true
                case 0xC2:
                    if i + 1 < n, (0x80...0x9F).contains(utf8[i + 1]) { return true }
                case 0xE2:
                    if i + 2 < n {
                        let (b1, b2) = (utf8[i + 1], utf8[i + 2])
                        if b1 == 0x80, (0xAA...0xAE).contains(b2) { return true }
                        if b1 == 0x81, (0xA6...0xA9).contains(b2) { return true }
                    }
                default: break
                }
                i += 1
            }
            return false
        }
    }
}
