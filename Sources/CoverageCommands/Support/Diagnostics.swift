import CoverageModel
import CoverageReport
import Foundation

/// Writes diagnostics (never data) to stderr; messages show control characters from data as escapes.
enum Diagnostics {
    /// Prints `covaudit: error: message` on stderr.
    static func error(_ message: String) { write("covaudit: error: \(DisplayText.terminal(message))\n") }

    /// Prints `covaudit: warning: message` on stderr unless quiet.
    static func warning(_ message: String, quiet: Bool = false) {
        if !quiet { write("covaudit: warning: \(DisplayText.terminal(message))\n") }
    }

    /// Prints a note on stderr unless quiet.
    static func note(_ message: String, quiet: Bool = false) {
        if !quiet { write("\(DisplayText.terminal(message))\n") }
    }

    /// Prints a progress line in `language` on stderr unless quiet.
    static func progress(_ message: String, _ language: ReportLanguage, quiet: Bool = false) {
        note(ProgressWording.text(message, language), quiet: quiet)
    }

    /// Writes text to stderr as it is (progress lines use their own `\r` and erase sequence).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Prints human-readable text (tables, summaries) on stdout, control characters from data shown
/// as escapes so that names and file names cannot drive the terminal; data formats (JSON, CSV,
/// GeoJSON) are printed as they are.
func printText(_ text: String, terminator: String = "\n") {
    print(TerminalText.safe(text), terminator: terminator)
}

/// A failure with a user-facing message and an exit code (1 unless stated).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 1
}
