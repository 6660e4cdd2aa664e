import ArgumentParser

/// The `covaudit` command tree.
public struct CovauditCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "covaudit",
        abstract: "Telecom infrastructure inventory, coverage analysis and claims audit on SpatiaLite.",
        subcommands: []
    )
    public init() {}
}
