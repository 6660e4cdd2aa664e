import ArgumentParser

/// The store every command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The covaudit store (SpatiaLite file).")
    var db: String
}

/// Output format for commands that print data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
