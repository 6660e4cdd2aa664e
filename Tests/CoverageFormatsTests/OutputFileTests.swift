import CoverageFormats
import CoverageTestSupport
import Foundation
import Testing

/// The output file helper: the target changes only on commit, and only when it is a regular file.
@Suite struct OutputFileTests {
    /// A fresh folder for one test.
    func folder() throws -> String {
        try TestPaths.temporaryDirectory("covaudit-out").path
    }

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func targetChangesOnlyOnCommit() throws {
        let dir = try folder()
        let target = dir + "/out.txt"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let file = try OutputFile(path: target)
        try file.write(Array("new\n".utf8))
        try file.finishWriting()
        #expect(contents(target) == "old\n")
        #expect(file.temporaryPath.hasPrefix(dir + "/.out.txt.covaudit-"))
        try file.commit()
        #expect(contents(target) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test func abandonedFileLeavesTheTargetAndNoTemporaryFile() throws {
        let dir = try folder()
        let target = dir + "/out.txt"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        do {
            let sink = try ByteSink(path: target)
            sink.append("half of a")
            try sink.flush()
        }
        #expect(contents(target) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test func temporaryFilesOfEndedProcessesAreRemoved() throws {
        let dir = try folder()
        // A pid above the kernel's pid_max (4194304) never runs.
        let stale = dir + "/.out.txt.covaudit-9999999-ab12.tmp"
        let unrelated = dir + "/.other.txt.covaudit-9999999-ab12.tmp"
        for path in [stale, unrelated] { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }
        try OutputFile.write(Array("new".utf8), to: dir + "/out.txt")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == [".other.txt.covaudit-9999999-ab12.tmp", "out.txt"])
    }

    /// Folders that must not receive outputs, with the words of the refusal.
    static let refusedFolders: [(String, String)] = [
        ("/", "root folder"), ("/tmp/..", "root folder"), ("//", "root folder"),
        (NSHomeDirectory(), "home folder itself"),
    ]

    @Test(arguments: refusedFolders)
    func rootAndHomeFoldersAreRefused(_ path: String, _ words: String) {
        #expect {
            try OutputFolder.check(path)
        } throws: { error in
            "\(error)".contains(words)
        }
    }

    @Test func linkToTheRootFolderIsRefused() throws {
        let link = try folder() + "/root"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/")
        #expect(throws: OutputFileError.self) { try OutputFolder.check(link + "/") }
        #expect(throws: OutputFileError.self) { try OutputFolder.check(link) }
    }

    @Test func missingFoldersAreCreated() throws {
        let path = try folder() + "/a/b/c"
        try OutputFolder.prepare(path)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}
