import ArgumentParser
import Foundation

/// The `covaudit` command tree and its error-to-exit-code policy.
public struct Covaudit: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "covaudit",
        abstract: "Telecom infrastructure inventory, coverage analysis and claims audit on SpatiaLite.",
        discussion: """
            Data goes to stdout; diagnostics and progress go to stderr.
            Exit codes: 0 success, 1 failure (bad data, I/O, database), 64 bad usage;
            audit: 3 when a claim does not hold or cannot be evaluated.
            """,
        version: CovauditVersion.current,
        subcommands: [
            InitCommand.self, ImportCommand.self, InfoCommand.self, CheckCommand.self, CoverageCommand.self,
            GenerateCommand.self,
            EvidenceCommand.self, AuditCommand.self, ReportCommand.self, ExportCommand.self, DemoCommand.self,
            BenchCommand.self,
        ]
    )

    public init() {}

    /// Parses the arguments and runs the command; failures print on stderr and exit 1 (usage: 64).
    public static func main(_ arguments: [String]? = nil) {
        // Past a file size limit (`ulimit -f`) a write then fails with EFBIG, which the store
        // reports and rolls back, instead of SIGXFSZ killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as CommandFailure {
            Diagnostics.error(error.message)
            Foundation.exit(error.exitCode)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch {
            // --help and --version arrive as errors with a success exit code; usage errors exit 64.
            if isUsageError(error) || exitCode(for: error) == .success { exit(withError: error) }
            Diagnostics.error("\(error)")
            Foundation.exit(1)
        }
    }

    /// True for errors ArgumentParser reports as usage problems (exit 64).
    private static func isUsageError(_ error: Error) -> Bool {
        exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue
    }
}

/// The tool's version, recorded in manifests and provenance.
public enum CovauditVersion {
    public static let current = "0.1.0"
}
