import ArgumentParser
import CoverageStore

/// Old option spellings kept as hidden aliases for one release, and the note they print.
enum Deprecation {
    /// The one-line note printed on stderr when `old` is used instead of `new`.
    static func note(old: String, new: String) -> String {
        "\(old) is deprecated and will be removed in the next release; use \(new)"
    }
}

/// The value of `import -f/--format`: the summary's output format, or (deprecated) an input format
/// name as `--format` meant before `--input-format` existed.
enum ImportFormatArgument: Equatable, ExpressibleByArgument {
    case output(OutputFormat)
    case legacyInput(InputFormat)

    init?(argument: String) {
        if let output = OutputFormat(argument: argument) {
            self = .output(output)
        } else if let input = InputFormat(argument: argument) {
            self = .legacyInput(input)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { OutputFormat.allValueStrings }

    /// The output format, or nil for a legacy input format.
    var output: OutputFormat? {
        if case .output(let f) = self { return f }
        return nil
    }
}
