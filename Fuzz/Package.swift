// swift-tools-version:6.1
// libFuzzer target for the pure-Swift readers in CoverageFormats. Not part of the default build or
// CI; run it with Scripts/fuzz.sh.
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
    ],
    swiftLanguageModes: [.v6]
)
