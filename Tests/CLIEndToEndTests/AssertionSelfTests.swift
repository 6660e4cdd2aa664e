import CoverageTestSupport
import Foundation
import Testing

/// The hostile-input assertion itself catches what it must: a run that succeeds and changes the
/// store, and a message that lacks the expected words.
@Suite("assertFailsCleanly catches failures")
struct AssertionSelfTests {
    @Test func flagsASuccessfulImportThatChangesTheStore() throws {
        let f = try E2EFixture()
        let file = try f.write("fine.csv", "id,lon,lat\nOK1,105.81,21.51\n")
        try withKnownIssue("a successful import must be reported") {
            try assertFailsCleanly(args: f.importArgs("households", file), store: f.store, messageContains: [])
        }
    }

    @Test func flagsAMessageWithoutTheLocation() throws {
        let f = try E2EFixture()
        let file = try f.write("bad.csv", "id,lon,lat\nA1,east,21.5\n")
        try withKnownIssue("the message says line 2, not line 9") {
            try assertFailsCleanly(
                args: f.importArgs("households", file), store: f.store, messageContains: ["bad.csv", "line 9"])
        }
    }
}
