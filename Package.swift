// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "covaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "covaudit", targets: ["covaudit"]),
        .library(name: "CoverageStore", targets: ["CoverageStore"]),
        // For the libFuzzer package in Fuzz/ (readers fuzzed in isolation, GDAL on in-memory files).
        .library(name: "CoverageFormats", targets: ["CoverageFormats"]),
        .library(name: "GDALVector", targets: ["GDALVector"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The only place C headers enter: sqlite3.h + spatialite.h.
        .systemLibrary(
            name: "CSpatiaLite",
            pkgConfig: "spatialite",
            providers: [.apt(["libspatialite-dev", "libsqlite3-dev", "libsqlite3-mod-spatialite"])]
        ),
        // Thin, owned wrapper over the SQLite/SpatiaLite C API. Nothing else imports CSpatiaLite.
        .target(name: "SpatialSQL", dependencies: ["CSpatiaLite"]),
        // The only place GDAL/OGR/PROJ headers enter (OGR vector API and OSR). GDAL is not linked:
        // CGDAL opens libgdal with dlopen when a command first needs it (DECISIONS D49; headers from
        // libgdal-dev).
        // DWARF 4: valgrind 3.19 (Debian 12; callgrind profiles, docs/PERFORMANCE.md) refuses a binary
        // with clang's default DWARF 5.
        .target(name: "CGDAL", cSettings: [.unsafeFlags(["-gdwarf-4"])], linkerSettings: [.linkedLibrary("dl")]),
        // OpenSSL's libcrypto, for SHA-256 only (SHA-NI where the CPU has it). Nothing but CoverageFormats'
        // SHA256 imports it.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Pure Swift values: geometry, layers, records. No C, no I/O.
        .target(name: "CoverageModel"),
        // Pure Swift readers and writers: GeoJSON, CSV, WKB; SHA-256 through CCrypto.
        .target(name: "CoverageFormats", dependencies: ["CoverageModel", "CCrypto"]),
        // Thin wrapper over GDAL/OGR: every vector format GDAL reads, as Feature values; CRS and PROJ
        // transforms. Nothing else imports CGDAL.
        .target(name: "GDALVector", dependencies: ["CGDAL", "CoverageModel", "CoverageFormats"]),
        .target(
            name: "CoverageStore", dependencies: ["SpatialSQL", "CoverageModel", "CoverageFormats", "GDALVector"]),
        // Fast pure-Swift geometry kernels: polygon and segment indexes, area integration, clipping.
        // Depends on the model only.
        .target(name: "GeometryKernels", dependencies: ["CoverageModel"]),
        // The analysis layer built on the kernels.
        .target(
            name: "CoverageAnalysis",
            dependencies: ["CoverageModel", "CoverageFormats", "GeometryKernels", "CoverageStore"]),
        // Claims as data and their audit against coverage results.
        .target(name: "CoverageAudit", dependencies: ["CoverageModel", "CoverageAnalysis", "CoverageStore"]),
        .target(
            name: "CoverageReport",
            dependencies: [
                "CoverageModel", "CoverageFormats", "CoverageStore", "CoverageAnalysis", "CoverageAudit", "GDALVector",
            ]
        ),
        .target(name: "CoverageGenerator", dependencies: ["CoverageModel", "CoverageFormats"]),
        .target(
            name: "CoverageCommands",
            dependencies: [
                "CoverageModel", "CoverageFormats", "CoverageStore", "CoverageAnalysis", "CoverageReport",
                "CoverageGenerator", "CoverageAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "covaudit", dependencies: ["CoverageCommands"]),
        // Geometry fixtures and closed forms shared by the kernel and analysis tests (no store).
        .target(name: "GeometryTestSupport", dependencies: ["CoverageModel"]),
        .target(
            name: "CoverageTestSupport",
            dependencies: ["CoverageStore", "CoverageModel", "SpatialSQL", "GeometryTestSupport"]),
        .testTarget(
            name: "CoverageAuditTests",
            dependencies: [
                "CoverageAudit", "CoverageAnalysis", "CoverageModel", "CoverageTestSupport",
            ]
        ),
        .testTarget(
            name: "CoverageReportTests",
            dependencies: [
                "CoverageReport", "CoverageAudit", "CoverageAnalysis", "CoverageStore", "CoverageFormats",
                "CoverageModel", "CoverageTestSupport",
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "SpatialSQLTests", dependencies: ["SpatialSQL", "GeometryTestSupport"]),
        .testTarget(name: "CoverageModelTests", dependencies: ["CoverageModel"]),
        .testTarget(
            name: "CoverageFormatsTests", dependencies: ["CoverageFormats", "CoverageModel", "CoverageTestSupport"]),
        .testTarget(
            name: "CoverageStoreTests",
            dependencies: [
                "CoverageStore", "CoverageFormats", "CoverageModel", "SpatialSQL", "GDALVector", "CoverageTestSupport",
            ]
        ),
        .testTarget(
            name: "CoverageGeneratorTests",
            dependencies: [
                "CoverageGenerator", "CoverageFormats", "CoverageModel", "CoverageStore", "SpatialSQL",
                "CoverageTestSupport",
            ]
        ),
        .testTarget(
            name: "CoverageAnalysisTests",
            dependencies: [
                "CoverageAnalysis", "CoverageFormats", "GeometryKernels", "CoverageStore", "CoverageModel",
                "SpatialSQL", "CoverageTestSupport", "GeometryTestSupport",
            ]
        ),
        // The kernels alone: no store, no SQL.
        .testTarget(
            name: "GeometryKernelsTests", dependencies: ["GeometryKernels", "CoverageModel", "GeometryTestSupport"]),
        .testTarget(
            name: "CoverageCommandsTests",
            dependencies: [
                "CoverageCommands", "CoverageStore", "CoverageModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Spawns the built `covaudit`: hostile input, crash safety, concurrency, injection.
        .testTarget(
            name: "CLIEndToEndTests",
            dependencies: ["CoverageTestSupport", "CoverageStore", "CoverageFormats", "CoverageModel", "SpatialSQL"]),
    ],
    swiftLanguageModes: [.v6]
)
