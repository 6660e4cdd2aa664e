/// One dataset a coverage run was computed from: its id, layer, SHA-256 and row count at the time.
///
/// Dataset ids can be reused after a `--replace` import removes a dataset, so a dataset is the same
/// one only when all four values are equal.
public struct DatasetFingerprint: Hashable, Sendable, Codable {
    public var id: Int64
    public var layer: String
    public var sha256: String
    public var rowCount: Int

    public init(id: Int64, layer: String, sha256: String, rowCount: Int) {
        self.id = id
        self.layer = layer
        self.sha256 = sha256
        self.rowCount = rowCount
    }

    /// The fingerprint of an imported dataset's provenance row.
    public init(_ p: Provenance) {
        self.init(id: p.id, layer: p.layer, sha256: p.sha256, rowCount: p.rowCount)
    }
}

extension Layer {
    /// The layers a coverage run reads (measured evidence is analysed by `evidence`, not `coverage`).
    public var isCoverageInput: Bool {
        switch self {
        case .measurements, .speedTiles: false
        default: true
        }
    }
}

/// How the coverage inputs changed since the latest stored coverage run.
public struct RunInputChanges: Sendable, Equatable {
    /// The stored run's id and creation time (UTC, ISO 8601).
    public var runID: Int64
    public var runCreatedAt: String
    /// False when the run was stored before runs recorded their inputs (schema version 5 or older):
    /// what changed since is then unknown.
    public var inputsRecorded: Bool
    /// Coverage-input datasets imported since the run, oldest first.
    public var added: [Provenance]
    /// Coverage-input datasets the run read that are no longer in the store (replaced), by id.
    public var removed: [DatasetFingerprint]

    public init(
        runID: Int64, runCreatedAt: String, inputsRecorded: Bool, added: [Provenance], removed: [DatasetFingerprint]
    ) {
        self.runID = runID
        self.runCreatedAt = runCreatedAt
        self.inputsRecorded = inputsRecorded
        self.added = added
        self.removed = removed
    }

    /// The change between the datasets a run recorded and the store's datasets now; evidence
    /// layers are left out on both sides.
    public static func between(
        recorded: [DatasetFingerprint], current: [Provenance], runID: Int64, runCreatedAt: String
    ) -> RunInputChanges {
        let inputs = { (layer: String) in Layer(rawValue: layer)?.isCoverageInput ?? true }
        let now = Set(current.map(DatasetFingerprint.init))
        let then = Set(recorded)
        return RunInputChanges(
            runID: runID, runCreatedAt: runCreatedAt, inputsRecorded: !recorded.isEmpty,
            added: recorded.isEmpty
                ? [] : current.filter { inputs($0.layer) && !then.contains(DatasetFingerprint($0)) },
            removed: recorded.filter { inputs($0.layer) && !now.contains($0) }.sorted { $0.id < $1.id })
    }

    /// The stored run's figures still describe the store's coverage inputs.
    public var isCurrent: Bool { inputsRecorded && added.isEmpty && removed.isEmpty }

    /// One sentence for stderr: what changed since the run, or nil when nothing did.
    public var summary: String? {
        let run = "the stored coverage run (id \(runID), \(runCreatedAt))"
        guard inputsRecorded else {
            return "\(run) was stored before runs recorded their inputs: it may not match the imported layers"
        }
        guard !isCurrent else { return nil }
        var parts: [String] = []
        if !added.isEmpty {
            let rows = added.reduce(0) { $0 + $1.rowCount }
            let list = added.prefix(3).map { "\($0.layer) \($0.fileName)" }.joined(separator: ", ")
            parts.append(
                "\(added.count) dataset\(added.count == 1 ? "" : "s") imported since (\(DigitGrouping.grouped(rows)) features: \(list)"
                    + (added.count > 3 ? ", …)" : ")"))
        }
        if !removed.isEmpty {
            let rows = removed.reduce(0) { $0 + $1.rowCount }
            let layers = Array(Set(removed.map(\.layer))).sorted().joined(separator: ", ")
            parts.append(
                "\(removed.count) dataset\(removed.count == 1 ? "" : "s") it read removed since (\(DigitGrouping.grouped(rows)) features: \(layers))"
            )
        }
        return "\(run) predates the layers now stored: " + parts.joined(separator: "; ")
    }
}
