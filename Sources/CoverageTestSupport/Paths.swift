import Foundation
import GeometryTestSupport

/// Locations used by tests: the repository root, its real and fictional data, and fresh temporary folders.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    public static var repositoryRoot: URL { GeometryFixtures.repositoryRoot }

    /// `GeoData/thai-nguyen`: the real Thái Nguyên reference data (see its SOURCE.md).
    public static var refdata: URL {
        repositoryRoot.appendingPathComponent("GeoData/thai-nguyen")
    }

    /// `GeoData/fictional`: the generated 12-commune province (`covaudit generate --scale demo`), a fixture.
    public static var fictionalProvince: URL {
        repositoryRoot.appendingPathComponent("GeoData/fictional")
    }

    /// A new empty temporary directory, unique to the caller, removed when the test process ends.
    public static func temporaryDirectory(_ label: String = "covaudit") throws -> URL {
        try TestScratch.directory(label)
    }
}
