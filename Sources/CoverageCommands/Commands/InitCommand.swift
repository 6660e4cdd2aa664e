import ArgumentParser
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit init`: creates an empty store.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty covaudit store (SpatiaLite, WAL) with every layer.")

    @OptionGroup var store: StoreOptions
    @Flag(name: [.short, .long], help: "Print nothing on success.") var quiet = false

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: store.storePath)
        let opened = try Store.create(at: store.storePath)
        let message: String
        if !existed {
            message = "created \(opened.path) (schema \(Store.schemaVersion))"
        } else if let from = opened.migratedFrom {
            message = "migrated \(store.storePath) from schema \(from) to \(Store.schemaVersion); its data kept"
        } else {
            message = "\(store.storePath) is already a covaudit store (schema \(Store.schemaVersion)); left as it is"
        }
        Diagnostics.note(message, quiet: quiet)
    }
}
