import Foundation
import Testing

@testable import ListScrub

/// `scrub registry check`, as a cron job runs it: the exit status is the answer, stdout one line a
/// source, stderr the reason and the way out.
@Suite struct RegistryCheckCLITests {
  /// A database with us-ftc downloaded 2026-11-20 and a litigator list without a maximum age.
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("registry.txt", "201,2345678\n")
    try dir.write("litigators.txt", "2015550123\n")
    for args in [
      [
        "registry", "import", "us-ftc", "registry.txt", "--kind", "national", "--downloaded-at", "2026-11-20",
      ],
      [
        "registry", "import", "lit", "litigators.txt", "--kind", "litigator", "--format", "plain",
        "--downloaded-at", "2026-10-01",
      ],
    ] {
      let r = try ScrubBinary.run(args, in: dir)
      #expect(r.status == 0, "\(args): \(r.stderr)")
    }
    return dir
  }

  @Test func freshSourcesExit0() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "check"], in: dir)
    #expect(r.status == 0)
    #expect(
      r.stdout == """
        lit: fresh (downloaded 2026-10-01, 52 days ago; no maximum age)
        us-ftc: fresh (downloaded 2026-11-20, 2 of 31 days)

        """)
    #expect(r.stderr == "")
    let quiet = try ScrubBinary.run(["registry", "check", "us-ftc", "--quiet"], in: dir)
    #expect(quiet.status == 0)
    #expect(quiet.stdout == "" && quiet.stderr == "")
  }

  @Test func aStaleSourceExits65AndSaysWhy() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["registry", "check", "us-ftc"], environment: ["SCRUB_NOW": "2027-01-10T06:00:00Z"], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout == "us-ftc: STALE (downloaded 2026-11-20, 51 days ago; maximum 31)\n")
    #expect(
      r.stderr == """
        scrub: error: us-ftc is stale: its data was downloaded 2026-11-20, 51 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc FILE...); until then scrub clean refuses to run

        """)
  }

  @Test func maxAgeDaysOverridesTheSourcesOwnMaximum() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "check", "us-ftc", "--max-age-days", "1"], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout == "us-ftc: STALE (downloaded 2026-11-20, 2 days ago; maximum 1)\n")
    #expect(
      r.stderr == """
        scrub: error: us-ftc is stale: its data was downloaded 2026-11-20, 2 days ago; the maximum is 1 day (--max-age-days)
          hint: import a fresh download (scrub registry import us-ftc FILE...)

        """)
    let loose = try ScrubBinary.run(["registry", "check", "us-ftc", "--max-age-days", "2"], in: dir)
    #expect(loose.status == 0)
    #expect(loose.stdout == "us-ftc: fresh (downloaded 2026-11-20, 2 of 2 days)\n")
  }

  @Test func anUnloadedSourceExits65() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "check", "tx-dnc"], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout == "tx-dnc: not loaded\n")
    #expect(
      r.stderr == """
        scrub: error: tx-dnc is not loaded
          hint: import its full list first (scrub registry import tx-dnc FILE... --kind national); scrub registry list shows the loaded sources

        """)
    let two = try ScrubBinary.run(
      ["registry", "check", "us-ftc", "tx-dnc", "ca-dncl"],
      environment: ["SCRUB_NOW": "2027-01-10T06:00:00Z"],
      in: dir)
    #expect(two.status == 65)
    #expect(
      two.stderr == """
        scrub: error: 3 of 3 sources are not fresh: us-ftc (stale), tx-dnc (not loaded), ca-dncl (not loaded)
          hint: import a fresh download of each (scrub registry import SOURCE FILE...); scrub registry list shows them all

        """)
  }

  @Test func anEmptyOrMissingDatabase() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let missing = try ScrubBinary.run(["registry", "check", "us-ftc"], in: dir)
    #expect(missing.status == 66)
    #expect(missing.stderr.hasPrefix("scrub: error: no database at \(dir.database)\n"))
    // A database with a ledger and no registry.
    _ = try ScrubBinary.run(["optout", "add", "201-748-0123"], in: dir)
    let empty = try ScrubBinary.run(["registry", "check"], in: dir)
    #expect(empty.status == 65)
    #expect(
      empty.stderr == """
        scrub: error: no registry is loaded
          hint: import a full list first (scrub registry import us-ftc FILE... --kind national)

        """)
  }

  @Test func jsonAndSha256ListingsForScripts() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "check", "us-ftc", "--json"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.contains("\"state\" : \"fresh\""))
    #expect(r.stdout.contains("\"max_age_days\" : 31"))
    let hashes = try ScrubBinary.run(["registry", "history", "us-ftc", "--sha256"], in: dir)
    #expect(hashes.status == 0)
    let expected = SHA256.hex(of: Array("201,2345678\n".utf8))
    #expect(hashes.stdout == "\(expected)  registry.txt\n")
  }
}
