import Foundation
import Testing

/// `scrub check` names each number's country, its rule, the sources that cover it and what
/// `clean` would do with it (issue 14, item 5), and never disagrees with `clean`.
@Suite struct CheckCountryCLITests {
  /// A store holding us-ftc (`201,2345678`, downloaded 2026-11-20; the clock is 2026-11-22).
  static func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    return dir
  }

  static func check(_ args: [String], environment: [String: String] = [:], in dir: TestDirectory) throws
    -> String
  {
    let r = try ScrubBinary.run(["check"] + args, environment: environment, in: dir)
    #expect(r.status == 0, "\(args): \(r.stderr)")
    return r.stdout
  }

  @Test func aUSNumberKeepsTodaysLinesThenItsCountryAndVerdict() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    #expect(
      try Self.check(["201-234-5678", "201-222-3333"], in: dir) == """
        +12012345678
          us-ftc: LISTED since snapshot 1 (downloaded 2026-11-20) [as of snapshot 1]
          internal: no opt-out
          country: US United States: consent not required (opt-out)
          registry: us-ftc (national): snapshot 2026-11-20, 2d old, max 31d, fresh
          clean: registry_dnc: us-ftc snapshot 2026-11-20
        +12012223333
          us-ftc: not listed [as of snapshot 1]
          internal: no opt-out
          country: US United States: consent not required (opt-out)
          registry: us-ftc (national): snapshot 2026-11-20, 2d old, max 31d, fresh
          clean: kept: checked against us-ftc snapshot 2026-11-20

        """)
    // An area code the FTC download does not hold: the source is named, and clean's not_covered.
    let uncovered = try Self.check(["305-234-5678"], in: dir)
    #expect(uncovered.contains("max 31d, fresh, does not cover this area code\n"), "\(uncovered)")
    #expect(
      uncovered.hasSuffix("  clean: not_covered: us-ftc does not cover area code 305\n"), "\(uncovered)")
  }

  @Test func aCanadianNumberNeedsACaDnclSource() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let without = try Self.check(["416-234-5678"], in: dir)
    #expect(
      without.hasSuffix(
        """
          country: CA Canada: consent not required (opt-out)
          registry: ca-dncl (national): NONE LOADED (scrub registry import ca-dncl FILE... --kind national --country CA)
          clean: not_covered: CA expects ca-dncl (scrub rules CA): none in use; import it with --country CA

        """), "\(without)")
    try dir.write("ca.txt", "416,2345679\n")
    let imported = try ScrubBinary.run(
      [
        "registry", "import", "ca-dncl", "ca.txt", "--kind", "national", "--country", "CA", "--downloaded-at",
        "2026-11-01",
      ], in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      try Self.check(["416-234-5678", "416-234-5679"], in: dir) == """
        +14162345678
          ca-dncl: not listed [as of snapshot 1]
          us-ftc: not listed [as of snapshot 1] (area code not covered by this source)
          internal: no opt-out
          country: CA Canada: consent not required (opt-out)
          registry: ca-dncl (national): snapshot 2026-11-01, 21d old, max 31d, fresh
          clean: kept: checked against ca-dncl snapshot 2026-11-01
        +14162345679
          ca-dncl: LISTED since snapshot 1 (downloaded 2026-11-01) [as of snapshot 1]
          us-ftc: not listed [as of snapshot 1] (area code not covered by this source)
          internal: no opt-out
          country: CA Canada: consent not required (opt-out)
          registry: ca-dncl (national): snapshot 2026-11-01, 21d old, max 31d, fresh
          clean: registry_dnc: ca-dncl snapshot 2026-11-01

        """)
    // Eleven days on, ca-dncl is STALE: clean refuses to run at all, whatever the number.
    let later = try Self.check(
      ["416-234-5678", "201-222-3333", "--json"], environment: ["SCRUB_NOW": "2026-12-03T12:00:00Z"], in: dir)
    #expect(later.contains("\"stale\" : true"))
    #expect(later.contains("\"stale_sources\" : [\n        \"ca-dncl\"\n      ]"), "\(later)")
    let text = try Self.check(
      ["416-234-5678"], environment: ["SCRUB_NOW": "2026-12-03T12:00:00Z"], in: dir)
    #expect(
      text.hasSuffix(
        """
          registry: ca-dncl (national): snapshot 2026-11-01, 32d old, max 31d, STALE
          clean: REFUSES TO RUN: ca-dncl is STALE (32d old, max 31d); import a fresh download, or pass --allow-stale
          clean --allow-stale: kept: checked against ca-dncl snapshot 2026-11-01 (stale)

        """), "\(text)")
  }

  @Test func aGermanNumberNeedsExpressConsentInTheLedger() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let without = try Self.check(["+49 1512 3456788"], in: dir)
    #expect(
      without.hasSuffix(
        """
          country: DE Germany: consent REQUIRED (opt-in): prior consent
          registry: none: the internal opt-out list alone applies
          clean: no_consent: DE allows calls only with prior express consent; the ledger holds none for this number and scope (scrub consent add)

        """), "\(without)")
    let add = try ScrubBinary.run(
      [
        "consent", "add", "+4915123456788", "--kind", "express_consent", "--date", "2026-02-01", "--evidence",
        "call-recording-7", "--by", "test",
      ], in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    let with = try Self.check(["+49 1512 3456788"], in: dir)
    #expect(with.hasSuffix("  clean: kept: express_consent 2026-02-01\n"), "\(with)")
    // A consent scoped to another campaign does not let this campaign call.
    let scoped = try ScrubBinary.run(
      [
        "consent", "add", "+4915123456777", "--kind", "express_consent", "--date", "2026-02-01", "--evidence",
        "web", "--scope", "campaign:spring", "--by", "test",
      ], in: dir)
    #expect(scoped.status == 0, "\(scoped.stderr)")
    #expect(try Self.check(["+4915123456777"], in: dir).contains("  clean: no_consent: "))
    #expect(
      try Self.check(["+4915123456777", "--campaign", "spring"], in: dir).contains(
        "  clean: kept: express_consent 2026-02-01"))
  }

  @Test func aSpanishNumberFailsClosedUntilARulesFileConfirmsTheRule() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let closed = try Self.check(["+34 612 34 56 78"], in: dir)
    #expect(
      closed.hasSuffix(
        """
          country: ES Spain: consent REQUIRED (opt-in): prior consent, or a customer relationship current or ended less than 12 months ago
          registry: es-robinson (national): NONE LOADED (scrub registry import es-robinson FILE... --kind national --country ES)
          rule: FAILS CLOSED: unverified: how old a registry copy may be (registry.max_age_days); confirm it in a rules file (scrub rules ES)
          clean: not_covered: ES rule unverified: how old a registry copy may be (registry.max_age_days); confirm it in a rules file (scrub rules ES)

        """), "\(closed)")
    // A rules file that confirms Spain's rule (no registry of its own): the rule applies, and the
    // number needs consent.
    try dir.write(
      "rules.toml",
      """
      schema = 1

      [ES]
      name = "Spain"
      consent = "required"
      consent_bases = ["consent"]
      registry_exemptions = ["consent"]
      optout_deadline_days = 30
      optout_deadline_kind = "calendar"
      unverified = []
      citations = ["company policy"]

      """)
    let confirmed = try Self.check(["+34 612 34 56 78", "--rules", "rules.toml"], in: dir)
    #expect(!confirmed.contains("FAILS CLOSED"), "\(confirmed)")
    #expect(
      confirmed.hasSuffix(
        """
          country: ES Spain: consent REQUIRED (opt-in): prior consent
          registry: none: the internal opt-out list alone applies
          clean: no_consent: ES allows calls only with prior express consent; the ledger holds none for this number and scope (scrub consent add)

        """), "\(confirmed)")
    let missing = try ScrubBinary.run(["check", "+34612345678", "--rules", "nope.toml"], in: dir)
    #expect(missing.status == 66)
  }

  @Test func aCountryTheTableLacksIsNotCovered() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let out = try Self.check(["+81 90-1234-5678"], in: dir)
    #expect(
      out.hasSuffix(
        """
          country: JP: NO RULE in the rules table 2026.12.03 (scrub rules; a rules file may add one)
          clean: not_covered: JP: no rule for this country in the rules table 2026.12.03; add one in a rules file (see scrub help rules)

        """), "\(out)")
    let json = try Self.check(["+81 90-1234-5678", "--json"], in: dir)
    #expect(json.contains("\"region\" : \"JP\""))
    #expect(!json.contains("\"rule\" :"))
    #expect(json.contains("\"reason\" : \"not_covered\""))
  }

  /// check reads only its own numbers' events (and every wildcard): the verdict still follows
  /// an area-code opt-out, and an opt-out that ends a consent.
  @Test func theVerdictFollowsWildcardsAndOptOutsAfterAConsent() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    for args in [
      ["optout", "add", "+1201*", "--channel", "call", "--received-at", "2026-11-10"],
      ["optout", "add", "212-222-3333", "--channel", "sms", "--received-at", "2026-11-11"],
      [
        "consent", "add", "+4915123456788", "--kind", "express_consent", "--date", "2026-02-01", "--evidence",
        "call-recording-7", "--by", "test",
      ],
      ["optout", "add", "+4915123456788", "--channel", "call", "--received-at", "2026-11-12"],
    ] {
      let r = try ScrubBinary.run(args, in: dir)
      #expect(r.status == 0, "\(args): \(r.stderr)")
    }
    let out = try Self.check(["201-222-3333", "212-222-3334", "212-222-3333", "+4915123456788"], in: dir)
    let verdicts = out.split(separator: "\n").filter { $0.hasPrefix("  clean: ") }
    #expect(
      verdicts == [
        "  clean: internal_dnc: opt-out 2026-11-10 (UTC) via call (area-code wildcard)",
        "  clean: not_covered: us-ftc does not cover area code 212",
        "  clean: internal_dnc: opt-out 2026-11-11 (UTC) via sms",
        "  clean: internal_dnc: opt-out 2026-11-12 (UTC) via call",
      ], "\(out)")
    // clean, which reads the whole ledger, says the same of each.
    try dir.write("leads.csv", "id,phone\n1,201-222-3333\n2,212-222-3334\n3,212-222-3333\n4,+4915123456788\n")
    let clean = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--suppressed", "sup.csv", "--quiet"], in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    let suppressed = try String(contentsOfFile: dir.path + "/sup.csv", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { line in
        let f = Self.fields(String(line))
        return "  clean: \(f[4]): \(f[5])"
      }
    #expect(suppressed == verdicts.map(String.init))
    // Revoked, the opt-out no longer blocks, and the consent dated before it stays ended.
    let revoke = try ScrubBinary.run(
      ["optout", "revoke", "+4915123456788", "--evidence", "asked again", "--received-at", "2026-11-13"],
      in: dir)
    #expect(revoke.status == 0, "\(revoke.stderr)")
    #expect(
      try Self.check(["+4915123456788"], in: dir).hasSuffix(
        "  clean: no_consent: "
          + "DE allows calls only with prior express consent; the ledger holds none for this number and scope"
          + " (scrub consent add)\n"))
  }

  @Test func withAsOfTheVerdictIsSaidToBeNow() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let out = try Self.check(["201-222-3333", "--as-of", "2026-11-21"], in: dir)
    #expect(out.hasSuffix("  clean now: kept: checked against us-ftc snapshot 2026-11-20\n"), "\(out)")
  }

  /// The mixed-country golden case's expected outputs, row by row: check's verdict on each number
  /// is the one clean wrote, reason and detail or basis, in the same store.
  @Test func checkAgreesWithCleanOnTheMixedCountryGolden() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let source = GoldenTests.root.appendingPathComponent("country-rules")
    for file in ["ca.txt", "consents.csv", "rules.toml"] {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(file), to: dir.url.appendingPathComponent(file))
    }
    try FileManager.default.copyItem(
      at: GoldenTests.root.appendingPathComponent("registry-us-ftc-2026-11-20.txt"),
      to: dir.url.appendingPathComponent("registry.txt"))
    let setup =
      ["registry import us-ftc registry.txt --kind national --downloaded-at 2026-11-20"]
      + (try String(contentsOf: source.appendingPathComponent("setup"), encoding: .utf8))
      .split(separator: "\n").map(String.init)
    for line in setup where !line.hasPrefix("#") {
      let step = try ScrubBinary.run(line.split(separator: " ").map(String.init), in: dir)
      #expect(step.status == 0, "`\(line)`: \(step.stderr)")
    }
    func rows(_ name: String) throws -> [[String]] {
      let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
      return text.split(separator: "\n").dropFirst().map { Self.fields(String($0)) }
    }
    // id -> (reason, detail) or basis.
    var expected: [String: String] = [:]
    for row in try rows("input.suppressed.csv") { expected[row[0]] = "\(row[6]): \(row[7])" }
    for row in try rows("clean.csv") { expected[row[0]] = "kept: \(row[6])" }
    let input = try rows("input.csv")
    #expect(input.count == 13 && expected.count == 13)
    for row in input {
      let region = row[3].isEmpty ? "US" : row[3]
      let out = try Self.check([row[2], "--region", region, "--rules", "rules.toml"], in: dir)
      let verdict = out.split(separator: "\n").last { $0.hasPrefix("  clean: ") }.map { $0.dropFirst(9) }
      #expect(verdict.map(String.init) == expected[row[0]], "row \(row[0]) (\(row[1])):\n\(out)")
    }
  }

  /// A CSV line's fields (quotes as the suppressed file writes them).
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(c)
      }
    }
    fields.append(field)
    return fields
  }
}
