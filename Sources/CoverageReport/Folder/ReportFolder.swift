import CoverageAnalysis
import CoverageAudit
import CoverageFormats
import CoverageModel
import CoverageStore
import Foundation

/// A report folder could not be written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The coverage result and the audit together (coverage.json).
public struct ReportBundle: Sendable, Encodable {
    public var coverage: CoverageResult
    public var audit: AuditReport?
}

/// Writes the hand-over folder: report.html, report.md, communes.csv, coverage.json, GeoJSON layers and
/// manifest.json (hashes of every input dataset and output file).
public struct ReportFolder {
    public var directory: URL
    /// Replace existing outputs; without it, any existing output file makes the write fail untouched.
    public var overwrite: Bool

    public init(directory: URL, overwrite: Bool) {
        self.directory = directory
        self.overwrite = overwrite
    }

    /// Output files that already exist (anything at their path, a dangling link included).
    public func existingOutputs() -> [String] {
        ReportBuilder.folderFiles(evidence: true).filter { OutputFile.exists(path($0)) }
    }

    /// Refuses, before any work, what `write` would refuse: the root or home folder, a path that is
    /// not a folder, existing outputs without `overwrite`, and outputs that are not regular files.
    public func check() throws {
        try OutputFolder.check(directory.path)
        let existing = existingOutputs()
        if !existing.isEmpty && !overwrite {
            throw ReportError(
                message: "\(directory.path) already holds \(existing.joined(separator: ", ")); "
                    + "pass --overwrite to replace them or choose another --out")
        }
        for file in existing { try OutputFile.checkTarget(path(file)) }
    }

    /// Writes every file and returns the manifest (also written as manifest.json).
    ///
    /// Every file is written under a temporary name in the folder; only when all are complete are
    /// they renamed into place, manifest.json last. A failed or killed run leaves the previous
    /// outputs (or none), never a truncated file.
    /// - Parameters:
    ///   - claimsFile: the claims file path (hashed into the manifest), when claims were audited.
    ///   - generatedAt: the one timestamp in the folder (manifest only).
    ///   - command: the command line that reproduces the folder.
    @discardableResult
    public func write(
        _ inputs: ReportInputs, store: Store, claimsFile: String?, generatedAt: String, command: [String]
    ) throws -> ReportManifest {
        try write(
            inputs, audit: { inputs.audit }, store: store, claimsFile: claimsFile, generatedAt: generatedAt,
            command: command)
    }

    /// Writes every file as `write(_:store:claimsFile:generatedAt:command:)` does, with the audit computed
    /// by `audit` on the calling thread while the files that do not show it are encoded on a second one.
    ///
    /// `inputs.audit` is replaced by what `audit` returns. An error of either thread fails the write
    /// before any file is renamed into place.
    @discardableResult
    public func write(
        _ inputs: ReportInputs, audit: () throws -> AuditReport?, store: Store, claimsFile: String?,
        generatedAt: String, command: [String]
    ) throws -> ReportManifest {
        try check()
        try OutputFolder.prepare(directory.path)
        var pending = PendingFiles(directory: directory)
        // The GeoPackage (GDAL), the store's GeoJSON layers, the tables and the communes layer need no
        // audit: they are encoded into memory on a thread of their own (`ReportSideFiles`) while this one
        // audits the claims and writes the files that show the audit. Their bytes join the folder after
        // the others' (only the renaming order changes: every byte and the manifest, ordered by
        // `folderFiles`, are unchanged).
        let side = ReportSideFiles(storePath: store.path, scratchFolder: directory.path, inputs: inputs)
        var inputs = inputs
        // The side files are hashed on their own thread too, once encoded; the files written
        // here are hashed as they are written (`PendingFiles`): no file is read back for the manifest.
        let (background, _) = try ParallelChunks.beside(
            { side.run().map { files in files.map { ($0.file, $0.bytes, OutputDigest($0.bytes)) } } },
            { () throws -> Void in
                inputs.audit = try audit()
                try writeAudited(inputs, store: store, to: &pending)
            })
        for (file, bytes, digest) in try background.get() { try pending.bytes(bytes, file, digest: digest) }
        let (result, synthetic) = (inputs.result, inputs.inventory.syntheticLayers)
        var outputs: [ReportManifest.OutputFile] = []
        for file in ReportBuilder.folderFiles(evidence: inputs.evidence != nil) where file != "manifest.json" {
            let digest = try pending.digest(file)
            outputs.append(.init(file: file, bytes: digest.bytes, sha256: digest.sha256))
        }
        let datasets = try store.datasets().map {
            ReportManifest.Dataset(
                layer: $0.layer, file: $0.fileName, sha256: $0.sha256, rows: $0.rowCount, asOf: $0.asOf,
                format: $0.format,
                options: $0.options)
        }
        let claims = try claimsFile.map {
            ReportManifest.InputFile(file: ($0 as NSString).lastPathComponent, sha256: try SHA256.hexDigest(ofFile: $0))
        }
        let manifest = ReportManifest(
            tool: "covaudit", version: inputs.toolVersion, generatedAt: generatedAt, store: inputs.storeName,
            parameters: result.parameters, mapTechnology: inputs.mapTechnology.rawValue,
            language: inputs.language.rawValue,
            claims: claims, datasets: datasets, outputs: outputs, command: command,
            reproduce: "Import the datasets listed here (check their SHA-256) into a new store with covaudit import, "
                + "then run the command from this folder with the same parameters: the output files must have the "
                + "same SHA-256 (manifest.json differs only in generated_at).",
            syntheticLayers: synthetic.isEmpty ? nil : synthetic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try pending.text(String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n", "manifest.json")
        try pending.commitAll()
        if inputs.evidence == nil { try removeStaleEvidence() }
        return manifest
    }

    /// report.html, report.md and coverage.json: the files that show the audit.
    private func writeAudited(_ inputs: ReportInputs, store: Store, to pending: inout PendingFiles) throws {
        let result = inputs.result
        let units = try store.adminUnits(vintage: result.parameters.vintage, level: .commune)
        let geometries = Dictionary(units.map { ($0.code, $0.geometry) }, uniquingKeysWith: { a, _ in a })
        let doc = ReportBuilder.build(inputs)
        var layers = try MapLayers.load(from: store, result: result)
        layers.challengeCells = inputs.evidence?.result.challengeCandidates ?? []
        layers.undeclaredCells = inputs.evidence?.result.servedUndeclared ?? []
        try pending.text(ReportHTML.render(doc, geometries: geometries, layers: layers), "report.html")
        try pending.text(ReportMarkdown.render(doc), "report.md")
        try pending.bytes(
            try ReportBundleJSONWriter.bytes(ReportBundle(coverage: result, audit: inputs.audit)), "coverage.json")
    }

    /// Removes the evidence exports an earlier report left in the folder when this one has none, so the
    /// folder holds only what its manifest lists (`check()` has refused any that is not a regular file).
    private func removeStaleEvidence() throws {
        for file in ReportBuilder.evidenceFiles where OutputFile.exists(path(file)) {
            try OutputFile.checkTarget(path(file))
            do {
                try FileManager.default.removeItem(atPath: path(file))
            } catch {
                throw ReportError(message: "cannot remove the stale \(path(file)): \(error.localizedDescription)")
            }
        }
    }

    private func path(_ file: String) -> String { directory.appendingPathComponent(file).path }
}

/// The folder's files written so far under temporary names, renamed into place together.
private struct PendingFiles {
    let directory: URL
    /// In the order written; manifest.json comes last.
    private var files: [(name: String, file: OutputFile)] = []
    /// The size and SHA-256 of every file written, by name.
    private var digests: [String: OutputDigest] = [:]

    init(directory: URL) { self.directory = directory }

    /// A new temporary file for `name`.
    private mutating func open(_ name: String) throws -> OutputFile {
        let file = try OutputFile(path: directory.appendingPathComponent(name).path)
        files.append((name, file))
        return file
    }

    /// Writes `text` as the complete temporary file for `name`.
    mutating func text(_ text: String, _ name: String) throws {
        try bytes(Array(text.utf8), name)
    }

    /// Writes `bytes` as the complete temporary file for `name`, with their `digest` when already
    /// computed (else they are hashed here).
    mutating func bytes(_ bytes: [UInt8], _ name: String, digest: OutputDigest? = nil) throws {
        let file = try open(name)
        try file.write(bytes)
        try file.finishWriting()
        digests[name] = digest ?? OutputDigest(bytes)
    }

    /// The size and SHA-256 of the file written for `name`.
    func digest(_ name: String) throws -> OutputDigest {
        guard let digest = digests[name] else { throw ReportError(message: "\(name) was not written") }
        return digest
    }

    /// Renames every file into place, in the order written.
    func commitAll() throws {
        for entry in files { try entry.file.commit() }
    }
}

/// The size and hex SHA-256 of a file's bytes, as the manifest lists them.
struct OutputDigest: Sendable {
    var bytes: Int
    var sha256: String

    /// The digest of `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes.count
        sha256 = SHA256.hex(SHA256.digest(bytes))
    }
}

/// manifest.json: what was run, on which inputs, producing which files.
public struct ReportManifest: Sendable, Codable {
    /// An input dataset as recorded in the store.
    public struct Dataset: Sendable, Codable, Hashable {
        public var layer: String
        public var file: String
        public var sha256: String
        public var rows: Int
        public var asOf: String?
        public var format: String
        public var options: String

        enum CodingKeys: String, CodingKey {
            case layer, file, sha256, rows, format, options
            case asOf = "as_of"
        }
    }

    /// An input file read directly (the claims).
    public struct InputFile: Sendable, Codable, Hashable {
        public var file: String
        public var sha256: String
    }

    /// A file of the folder.
    public struct OutputFile: Sendable, Codable, Hashable {
        public var file: String
        public var bytes: Int
        public var sha256: String
    }

    public var tool: String
    public var version: String
    public var generatedAt: String
    public var store: String
    public var parameters: CoverageParameters
    public var mapTechnology: String
    public var language: String
    public var claims: InputFile?
    public var datasets: [Dataset]
    public var outputs: [OutputFile]
    public var command: [String]
    public var reproduce: String
    /// The layers whose data is synthetic (generated, not observed); absent when none is.
    public var syntheticLayers: [String]?

    enum CodingKeys: String, CodingKey {
        case tool, version, store, parameters, language, claims, datasets, outputs, command, reproduce
        case generatedAt = "generated_at"
        case syntheticLayers = "synthetic_layers"
        case mapTechnology = "map_technology"
    }
}
