import Foundation
import Testing

/// `--delimiter` on `scrub clean` and the ledger imports: one argument type, applied as given, and
/// a bad value a usage error (64) that shows the values allowed.
@Suite struct DelimiterCLITests {
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("registry.txt", "201,2345678\n")
    let r = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "registry.txt", "--kind", "national", "--downloaded-at", "2026-11-20",
      ],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return dir
  }

  @Test(arguments: [
    ["clean", "leads.csv", "--delimiter", ":"],
    ["optout", "import", "leads.csv", "--received-at", "2026-11-20", "--delimiter", "comma"],
  ])
  func aBadValueExits64AndShowsTheValuesAllowed(arguments: [String]) throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\n")
    let r = try ScrubBinary.run(arguments, in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains("the value '\(arguments.last!)' is invalid for '--delimiter <"))
    #expect(r.stderr.contains("Field delimiter: , ; tab or |"))
  }

  @Test func cleanSplitsOnTheDelimiterGiven() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.tsv", "name\tphone\nA\t201-222-3333\n")
    let tab = try ScrubBinary.run(["clean", "leads.tsv", "--delimiter", "tab", "--quiet"], in: dir)
    #expect(tab.status == 0, "\(tab.stderr)")
    #expect(tab.stdout.contains("+12012223333"))
    let semicolon = try ScrubBinary.run(["clean", "leads.tsv", "--delimiter", ";"], in: dir)
    #expect(semicolon.status == 64)
    #expect(semicolon.stderr.contains("no phone column found"))
  }

  @Test func aLedgerImportSplitsOnTheDelimiterGiven() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("optouts.txt", "name|phone\nA|201-222-3333\n")
    let r = try ScrubBinary.run(
      ["optout", "import", "optouts.txt", "--received-at", "2026-11-20", "--delimiter", "|"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let check = try ScrubBinary.run(["check", "2012223333"], in: dir)
    #expect(
      check.stdout.contains("internal: OPTED OUT (received 2026-11-20 (UTC) via import"), "\(check.stdout)")
  }
}
