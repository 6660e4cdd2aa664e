import CoverageModel
import Testing

@testable import CoverageCommands

/// The byte scan in front of ``DisplayText/terminal(_:)`` changes no output.
@Suite struct TerminalTextTests {
    /// Plain text, Vietnamese, line breaks and tabs, every kind of control and bidirectional override,
    /// and harmless characters that share the scan's lead bytes (NBSP, "—", "…").
    static let texts: [String] = [
        "", "plain table\n", "a\tb\nc\n", "Xã Tân Cương: 90,4%\n", "không có\n", "\u{1B}[31mĐỏ\u{1B}[0m",
        "a\u{9B}2Jb", "x\u{202E}gpj.exe", "x\u{2066}y\u{2069}", "del\u{7F}", "line\rbreak\u{0}", "x\u{00A0}y — z…",
        "\u{85}next line", "\u{0B}\u{0C}", "北京 👨‍👩‍👧\n", "end\u{9F}",
    ]

    @Test(arguments: texts)
    func sameAsTheScalarCheck(_ text: String) {
        #expect(TerminalText.safe(text).unicodeScalars.elementsEqual(DisplayText.terminal(text).unicodeScalars))
    }

    @Test func plainTextIsNotScanned() {
        #expect(!TerminalText.mayHoldUnsafe("code  name\n1     Xã Tân Cương  99.9%\n"))
        #expect(!TerminalText.mayHoldUnsafe("x\u{00A0}y — z… “q” \u{2028}\u{206A}"))
        for unsafe in ["\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"] {
            #expect(TerminalText.mayHoldUnsafe("a\(unsafe)b"))
        }
    }
}
