import Foundation

/// Writes diagnostics (never data) to stderr.
enum Diagnostics {
    /// Prints `covaudit: error: message` on stderr.
    static func error(_ message: String) { write("covaudit: error: \(message)\n") }

    /// Prints `covaudit: warning: message` on stderr unless quiet.
    static func warning(_ message: String, quiet: Bool = false) {
        if !quiet { write("covaudit: warning: \(message)\n") }
    }

    /// Prints a note on stderr unless quiet.
    static func note(_ message: String, quiet: Bool = false) {
        if !quiet { write("\(message)\n") }
    }

    /// Writes raw text to stderr.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A failure with a user-facing message and an exit code (1 unless stated).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 1
}
