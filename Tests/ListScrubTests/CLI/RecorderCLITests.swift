import Foundation
import Testing

/// `--by` means the same on every command that records something: the flag, else
/// `$SCRUB_USER`, else `$USER`.
@Suite struct RecorderCLITests {
  @Test(arguments: [
    (["--by", "ana"], ["SCRUB_USER": "bea", "USER": "carl"], "ana"),
    ([], ["SCRUB_USER": "bea", "USER": "carl"], "bea"),
    ([], ["USER": "carl"], "carl"),
  ])
  func theRecorderDefaultsAlikeForTheLedgerAndACorrection(
    by: [String], environment: [String: String], expected: String
  ) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    // The child inherits this process's environment: a SCRUB_USER here would hide $USER.
    let env = environment
    if env["SCRUB_USER"] == nil, ProcessInfo.processInfo.environment["SCRUB_USER"] != nil { return }
    try ScrubBinary.importRegistry(in: dir)
    let add = try ScrubBinary.run(
      ["optout", "add", "201-555-0123", "--received-at", "2026-11-20"] + by, environment: env, in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    let history = try ScrubBinary.run(["optout", "history", "201-555-0123", "--json"], in: dir)
    #expect(history.stdout.contains("\"recorded_by\" : \"\(expected)\""), "\(history.stdout)")
    let corrected = try ScrubBinary.run(
      ["registry", "correct", "us-ftc", "1", "--downloaded-at", "2026-11-19", "--why", "receipt"] + by,
      environment: env, in: dir)
    #expect(corrected.status == 0, "\(corrected.stderr)")
    #expect(corrected.stderr.contains("by \(expected)"), "\(corrected.stderr)")
  }
}
