import Foundation
import Testing

/// `scrub check --exit-status` answers "may I call these numbers?" in its exit code (issue 15,
/// item 7): 0 when clean would keep every one, 1 otherwise; without the flag, 0 either way.
@Suite struct CheckExitStatusCLITests {
  @Test func theExitStatusSaysWhetherEveryNumberMayBeCalled() throws {
    // us-ftc lists 201-234-5678 (the clock is 2026-11-22, the snapshot 2026-11-20).
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    let callable = try ScrubBinary.run(["check", "201-222-3333", "--exit-status"], in: dir)
    #expect(callable.status == 0, "\(callable.stderr)")
    let listed = try ScrubBinary.run(["check", "201-222-3333", "201-234-5678", "--exit-status"], in: dir)
    #expect(listed.status == 1, "\(listed.stderr)")
    #expect(listed.stdout.contains("+12012345678"))
    let listedJSON = try ScrubBinary.run(["check", "201-234-5678", "--json", "--exit-status"], in: dir)
    #expect(listedJSON.status == 1)
    let invalid = try ScrubBinary.run(["check", "not a number", "--exit-status"], in: dir)
    #expect(invalid.status == 1)
    let without = try ScrubBinary.run(["check", "201-234-5678"], in: dir)
    #expect(without.status == 0, "\(without.stderr)")
  }
}
