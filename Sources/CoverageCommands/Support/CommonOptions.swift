import ArgumentParser

/// The store every command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The covaudit store (SpatiaLite file).")
    var storePath: String
}

/// Output format for commands that print data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
