// swift-tools-version:6.1
// libFuzzer targets: the pure-Swift readers in CoverageFormats (ReadersFuzzer) and GDAL through
// GDALVector on in-memory files (GDALFuzzer). Not part of the default build or CI; run them with
// Scripts/fuzz.sh.
import Foundation
import PackageDescription

// A local package's identity is its folder name (lower-cased), whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "covaudit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver for Swift.
        .target(name: "FuzzerDriver"),
        .executableTarget(
            name: "ReadersFuzzer",
            dependencies: ["FuzzerDriver", .product(name: "CoverageFormats", package: rootIdentity)]
        ),
        .executableTarget(
            name: "GDALFuzzer",
            dependencies: [
                "FuzzerDriver", .product(name: "CoverageFormats", package: rootIdentity),
                .product(name: "GDALVector", package: rootIdentity),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
