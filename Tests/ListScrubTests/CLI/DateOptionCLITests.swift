import Foundation
import Testing

/// Every date a command takes is read by the one strict parser: a day the calendar lacks, an
/// offset no zone has, or an offset given as a zone name is a usage error (64) that says what is
/// wrong, before anything is written.
@Suite struct DateOptionCLITests {
  /// Each command and option that takes a date, with `DATE` where the date goes.
  static let commands: [[String]] = [
    ["registry", "import", "us-ftc", "r.txt", "--kind", "national", "--downloaded-at", "DATE"],
    ["check", "2015550123", "--as-of", "DATE"],
    ["audit", "optouts", "--from", "DATE", "--to", "2026-03-31"],
    ["audit", "optouts", "--from", "2026-01-01", "--to", "DATE"],
    ["consent", "add", "2015550123", "--kind", "written_consent", "--evidence", "x", "--date", "DATE"],
    [
      "consent", "add", "2015550123", "--kind", "written_consent", "--evidence", "x", "--date", "2026-01-01",
      "--expires", "DATE",
    ],
    ["optout", "add", "2015550123", "--received-at", "DATE"],
    ["optout", "revoke", "2015550123", "--evidence", "x", "--received-at", "DATE"],
    ["optout", "import", "o.csv", "--received-at", "DATE"],
    ["optout", "export", "--since", "DATE"],
  ]

  static let impossibleDays = [
    ("2026-02-30", "not a day of the calendar: February 2026 has 28 days, not 30"),
    ("2026-13-01", "not a day of the calendar: there is no month 13 (dates are YYYY-MM-DD)"),
    ("2025-02-29", "not a day of the calendar: February 2025 has 28 days, not 29"),
  ]

  static func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("r.txt", "201,2345678\n")
    try dir.write("o.csv", "phone\n2015550123\n")
    return dir
  }

  @Test(arguments: commands)
  func aDayTheCalendarLacksIsRefusedByEveryCommand(_ command: [String]) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let flag = command[command.firstIndex(of: "DATE")! - 1]
    for (day, reason) in Self.impossibleDays {
      let r = try ScrubBinary.run(command.map { $0 == "DATE" ? day : $0 }, in: dir)
      #expect(r.status == 64, "\(command): \(r.stderr)")
      #expect(r.stderr.hasPrefix("scrub: error: \(flag) \(day): \(reason)\n"), "\(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.database), "nothing is written")
  }

  @Test(arguments: [
    ["registry", "import", "us-ftc", "r.txt", "--kind", "national", "--downloaded-at", "DATE"],
    ["check", "2015550123", "--as-of", "DATE"],
    ["optout", "add", "2015550123", "--received-at", "DATE"],
    ["optout", "import", "o.csv", "--received-at", "DATE"],
  ])
  func anOffsetNoZoneHasIsRefused(_ command: [String]) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let flag = command[command.firstIndex(of: "DATE")! - 1]
    for offset in ["+25:00", "-14:30", "+05:60"] {
      let time = "2026-11-20T10:00:00" + offset
      let r = try ScrubBinary.run(command.map { $0 == "DATE" ? time : $0 }, in: dir)
      #expect(r.status == 64, "\(command): \(r.stderr)")
      #expect(
        r.stderr.hasPrefix(
          "scrub: error: \(flag) \(time): \(offset) is not a UTC offset (offsets run from -14:00 to +14:00)\n"
        ),
        "\(r.stderr)")
    }
    // The extremes of real zones still read.
    let kiribati = try ScrubBinary.run(
      ["optout", "add", "2015550123", "--received-at", "2026-11-20T10:00:00+14:00"], in: dir)
    #expect(kiribati.status == 0, "\(kiribati.stderr)")
  }

  @Test(arguments: [
    ["optout", "add", "2015550123", "--timezone", "ZONE"],
    ["optout", "import", "o.csv", "--received-at", "2026-11-20", "--timezone", "ZONE"],
  ])
  func anOffsetGivenAsAZoneNameIsRefused(_ command: [String]) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    for zone in ["UTC+05:00", "GMT+5", "UTC-0330"] {
      let r = try ScrubBinary.run(command.map { $0 == "ZONE" ? zone : $0 }, in: dir)
      #expect(r.status == 64, "\(r.stderr)")
      #expect(
        r.stderr.hasPrefix("scrub: error: --timezone \(zone) is an offset, not a time zone name\n"),
        "\(r.stderr)")
      #expect(r.stderr.contains("write the offset in the times themselves (2026-05-02T14:03:00+05:00)"))
    }
    #expect(!FileManager.default.fileExists(atPath: dir.database), "nothing is written")
    let named = try ScrubBinary.run(command.map { $0 == "ZONE" ? "Asia/Karachi" : $0 }, in: dir)
    #expect(named.status == 0, "\(named.stderr)")
  }

  /// Cells of an import go through the same parser: an impossible day or offset is a refused
  /// row that says why.
  @Test func importCellsWithImpossibleDatesAreRefusedRows() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write(
      "optouts.csv",
      "phone,received_at\n2015550123,2026-02-30\n2015550124,2026-11-20T10:00:00+25:00\n2015550125,2026-11-20\n"
    )
    let r = try ScrubBinary.run(["optout", "import", "optouts.csv"], in: dir)
    #expect(r.status == 65, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "optouts.csv:2:2 (received_at): not a day of the calendar: February 2026 has 28 days, not 30"),
      "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "optouts.csv:3:2 (received_at): +25:00 is not a UTC offset (offsets run from -14:00 to +14:00)"),
      "\(r.stderr)")
  }

  // MARK: - Download dates in the future

  @Test func aFutureDownloadDateIsRefusedFromTheOptionAndFromAFilesTime() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let option = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "r.txt", "--kind", "national", "--downloaded-at", "2030-01-01"],
      in: dir)
    #expect(option.status == 64)
    #expect(
      option.stderr.hasPrefix(
        "scrub: error: --downloaded-at 2030-01-01T00:00:00Z is in the future (the clock says 2026-11-22T12:00:00Z)\n"
      ))
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_893_456_000)],  // 2030-01-01
      ofItemAtPath: dir.path + "/r.txt")
    let mtime = try ScrubBinary.run(["registry", "import", "us-ftc", "r.txt", "--kind", "national"], in: dir)
    #expect(mtime.status == 65)
    #expect(
      mtime.stderr.hasPrefix(
        "scrub: error: r.txt: modified 2030-01-01T00:00:00Z, in the future (the clock says 2026-11-22T12:00:00Z): its modification time cannot be its download date\n"
      ), "\(mtime.stderr)")
    // Both refused before anything was recorded: not even a database is left.
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  @Test func aDifferentExplicitFormatIsUsedWithAWarning() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("plain.txt", "2012345678\n")
    try dir.write("ftc.txt", "201,2345678\n201,2345679\n")
    let first = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "plain.txt", "--kind", "national", "--format", "plain",
        "--downloaded-at",
        "2026-11-20",
      ], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let changed = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "ftc.txt", "--format", "ftc", "--downloaded-at", "2026-11-21",
        "--quiet",
      ],
      in: dir)
    #expect(changed.status == 0, "\(changed.stderr)")
    #expect(
      changed.stderr
        == "scrub: warning: us-ftc was imported with --format plain; this import reads --format ftc, and the source remembers it from now on\n"
    )
  }
}
