import Foundation
import Testing

@testable import ListScrub

/// A download date the import guesses is announced and marked, and `scrub registry correct`
/// appends the real one, which freshness then uses; a re-import with another date names the
/// command.
@Suite struct RegistryCorrectCLITests {
  @Test func aGuessedDateIsAnnouncedMarkedAndCorrected() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let file = try dir.write("201.txt", "201,2345678\n")
    // The file was written on 2026-11-21; the real download was 2026-10-20.
    let mtime = Timestamp.parse("2026-11-21T09:00:00Z")!
    try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: file)
    let imported = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "201.txt", "--kind", "national"], in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("guessed from the modification time of 201.txt"), "\(imported.stderr)")
    #expect(imported.stderr.contains("--downloaded-at"))
    let list = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(list.stdout.contains("2026-11-21 (guessed)"), "\(list.stdout)")
    #expect(list.stdout.contains(" ok "), "\(list.stdout)")

    // The same file again with the real date: nothing imported, and the way to correct it.
    let again = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "201.txt", "--downloaded-at", "2026-10-20"], in: dir)
    #expect(again.status == 0)
    #expect(
      again.stderr.contains("scrub registry correct us-ftc 1 --downloaded-at 2026-10-20 --why"),
      "\(again.stderr)")

    // A correction needs a reason; a dry run records nothing.
    let noWhy = try ScrubBinary.run(
      ["registry", "correct", "us-ftc", "1", "--downloaded-at", "2026-10-20"], in: dir)
    #expect(noWhy.status == 64, "\(noWhy.stderr)")
    let dry = try ScrubBinary.run(
      [
        "registry", "correct", "us-ftc", "1", "--downloaded-at", "2026-10-20", "--why", "FTC receipt",
        "--dry-run",
      ],
      in: dir)
    #expect(dry.status == 0 && dry.stderr.contains("dry run"), "\(dry.stderr)")
    #expect(try ScrubBinary.run(["registry", "list"], in: dir).stdout.contains("(guessed)"))

    let corrected = try ScrubBinary.run(
      [
        "registry", "correct", "us-ftc", "1", "--downloaded-at", "2026-10-20", "--why", "FTC receipt", "--by",
        "ana",
      ],
      in: dir)
    #expect(corrected.status == 0, "\(corrected.stderr)")
    #expect(corrected.stderr.contains("corrected from 2026-11-21 (guessed)"), "\(corrected.stderr)")
    #expect(corrected.stderr.contains("by ana"))
    // Downloaded 2026-10-20, now 2026-11-22: 33 days, past the 31-day maximum.
    let after = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(after.stdout.contains("2026-10-20 (corrected)"), "\(after.stdout)")
    #expect(after.stdout.contains("STALE"), "\(after.stdout)")
    let check = try ScrubBinary.run(["registry", "check", "us-ftc"], in: dir)
    #expect(check.status == 65, "\(check.stdout)\(check.stderr)")
    let history = try ScrubBinary.run(["registry", "history", "us-ftc"], in: dir)
    #expect(history.stdout.contains("2026-10-20 (corrected)"), "\(history.stdout)")
  }
}
