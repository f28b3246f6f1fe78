import Foundation
import Testing

@testable import ListScrub

/// `scrub rules` and the rules table's hold on `registry import --country`, as a user runs them.
@Suite struct RulesCLITests {
  static let japan = """
    schema = 1

    [JP]
    name = "Japan"
    consent = "not-required"
    optout_deadline_days = 0
    optout_deadline_kind = "calendar"
    citations = ["company policy"]

    [[JP.registry]]
    name = "Company list"
    source = "jp-dnc"
    kind = "national"
    access = "download"
    max_age_days = 45

    """

  @Test func theTableOneLinePerCountry() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["rules"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "rules 2026.12.03 (bundled)")
    #expect(lines[1] == "table sha256 \(CountryRules.bundled.sha256)")
    #expect(r.stdout.contains("\nCODE   NAME"))
    #expect(
      lines.contains {
        $0.hasPrefix("US ") && $0.contains("United States") && $0.contains("us-ftc 31d")
          && $0.contains("10 business days") && $0.hasSuffix("ok")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("US-TX ") && $0.contains("us-ftc 31d, us-tx 92d") && $0.hasSuffix("FAILS CLOSED")
      })
    #expect(lines.contains { $0.hasPrefix("DE ") && $0.contains("required") && $0.contains("none") })
    #expect(r.stdout.contains("\(CountryRules.bundled.rules.count) rules; "))
    #expect(r.stderr == "")
  }

  @Test func oneCountryForAComplianceOfficer() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["rules", "es"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    for expected in [
      "country     ES Spain\n",
      "status      FAILS CLOSED: numbers are suppressed until a rules file confirms the rule\n",
      "            unverified: how old a registry copy may be (registry.max_age_days)\n",
      "consent     required (opt-in): prior consent, or a customer relationship current or ended less than 12 months ago\n",
      "registries  es-robinson: Lista Robinson (Adigital) (national, consulted); no maximum age stated [age unverified]\n",
      "opt-out     honoured within 30 calendar days [unverified: applied as at once]\n",
      "citations\n  - Real Decreto Legislativo 1/2007",
    ] {
      #expect(r.stdout.contains(expected), "missing: \(expected)")
    }
    let us = try ScrubBinary.run(["rules", "US"], in: dir)
    #expect(us.stdout.contains("status      applied as written\n"))
    #expect(us.stdout.contains("EBR         18 months after a purchase, 3 months after an inquiry\n"))
    #expect(us.stdout.contains("holidays    New Year's Day (01-01, observed on the nearest weekday)\n"))
  }

  @Test func oneCountryAsJSON() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["rules", "ES", "--json"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(object["code"] as? String == "ES")
    #expect(object["consent"] as? String == "required")
    #expect(object["consent_bases"] as? [String] == ["consent", "customer-relationship"])
    #expect(object["customer_relationship_months"] as? Int == 12)
    #expect(object["fails_closed"] as? Bool == true)
    #expect((object["fails_closed_because"] as? String)?.contains("registry.max_age_days") == true)
    let applied = try #require(object["optout_deadline_applied"] as? [String: Any])
    #expect(applied["days"] as? Int == 0)
    let registries = try #require(object["registries"] as? [[String: Any]])
    #expect(registries.map { $0["source"] as? String } == ["es-robinson"])

    let all = try ScrubBinary.run(["rules", "--json"], in: dir)
    let table = try #require(JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
    #expect(table["version"] as? String == "2026.12.03")
    #expect(table["sha256"] as? String == CountryRules.bundled.sha256)
    #expect((table["countries"] as? [Any])?.count == CountryRules.bundled.rules.count)
  }

  @Test func anUnknownCountryIsAUsageError() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["rules", "JP"], in: dir)
    #expect(r.status == 64)
    #expect(r.stdout == "")
    #expect(
      r.stderr == """
        scrub: error: the country rules table (rules 2026.12.03) has no rule for JP
          hint: did you mean JM? scrub rules lists every country; a rules file (--rules FILE) may add one

        """)
  }

  /// `--rules` over `$SCRUB_RULES` over `$XDG_CONFIG_HOME/listscrub/rules.toml`, each
  /// replacing or adding whole countries; the version names the file.
  @Test func rulesFilesOverrideInOrder() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try FileManager.default.createDirectory(
      atPath: dir.path + "/config/listscrub", withIntermediateDirectories: true)
    try dir.write("config/listscrub/rules.toml", Self.japan)
    try dir.write("env.toml", Self.japan.replacing("\"Japan\"", with: "\"Japan (env)\""))
    try dir.write("flag.toml", Self.japan.replacing("\"Japan\"", with: "\"Japan (flag)\""))
    let xdg = try ScrubBinary.run(["rules", "JP"], in: dir)
    #expect(xdg.stdout.hasPrefix("country     JP Japan\n"), "\(xdg.stdout)\(xdg.stderr)")
    let hash = SHA256.hex(of: Array(Self.japan.utf8))
    #expect(
      xdg.stdout.contains(
        "rules 2026.12.03+\(hash.prefix(12)) (bundled 2026.12.03, with \(dir.path)/config/listscrub/rules.toml: adds JP)"
      ))
    let env = try ScrubBinary.run(["rules", "JP"], environment: ["SCRUB_RULES": "env.toml"], in: dir)
    #expect(env.stdout.hasPrefix("country     JP Japan (env)\n"))
    let flag = try ScrubBinary.run(
      ["rules", "JP", "--rules", "flag.toml"], environment: ["SCRUB_RULES": "env.toml"], in: dir)
    #expect(flag.stdout.hasPrefix("country     JP Japan (flag)\n"))
    let missing = try ScrubBinary.run(["rules", "--rules", "nope.toml"], in: dir)
    #expect(missing.status == 66)
  }

  @Test func aBadRulesFileExits65WithItsPlace() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("bad.toml", Self.japan.replacing("max_age_days = 45", with: "max_age_days = -45"))
    let r = try ScrubBinary.run(["rules", "--rules", "bad.toml"], in: dir)
    #expect(r.status == 65)
    #expect(
      r.stderr == """
        scrub: error: bad.toml:15:16: 'max_age_days' in [[JP.registry]] is negative: -45
          hint: max_age_days is days, 1 to 3650

        """)
    // The same file stops an import before it touches the database.
    try dir.write("r.txt", "2015550123\n")
    let i = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "r.txt", "--kind", "national", "--format", "plain"],
      environment: ["SCRUB_RULES": "bad.toml"], in: dir)
    #expect(i.status == 65)
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  @Test func importRefusesACountryTheTableLacks() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("r.txt", "2015550123\n")
    let args = [
      "registry", "import", "jp-dnc", "r.txt", "--kind", "national", "--country", "JP", "--format", "plain",
    ]
    let refused = try ScrubBinary.run(args, in: dir)
    #expect(refused.status == 64)
    #expect(
      refused.stderr == """
        scrub: error: --country JP is not in the country rules table (rules 2026.12.03)
          hint: did you mean JM? scrub rules lists its countries; to add one, give its rule in your rules file (--rules FILE, $SCRUB_RULES or $XDG_CONFIG_HOME/listscrub/rules.toml)

        """)
    let none = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(!none.stdout.contains("jp-dnc"))
    // The user's rules file adds Japan, with its registry's maximum age.
    try dir.write("jp.toml", Self.japan)
    let added = try ScrubBinary.run(args + ["--rules", "jp.toml", "--downloaded-at", "2026-11-20"], in: dir)
    #expect(added.status == 0, "\(added.stderr)")
    let list = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(
      list.stdout.contains("jp-dnc  national  JP       1        2026-11-20  2d   45d  ok"), "\(list.stdout)")
    let lower = try ScrubBinary.run(
      ["registry", "import", "x", "r.txt", "--kind", "state", "--country", "us-tx", "--format", "plain"],
      in: dir)
    #expect(lower.status == 64)
    #expect(lower.stderr.contains("--country us-tx is not an ISO 3166 code"))
  }

  /// A state list's default maximum age is the table's (TX and FL publish quarterly); the store
  /// keeps the two-letter country its schema checks.
  @Test func aStateListTakesItsAgeFromTheTable() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("r.txt", "2015550123\n")
    for (source, code) in [("us-tx", "US-TX"), ("florida", "US-FL")] {
      let r = try ScrubBinary.run(
        [
          "registry", "import", source, "r.txt", "--kind", "state", "--country", code, "--format", "plain",
          "--downloaded-at", "2026-11-20",
        ], in: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let again = try ScrubBinary.run(
      ["registry", "import", "us-tx", "r.txt", "--country", "US-TX", "--downloaded-at", "2026-11-20"], in: dir
    )
    #expect(again.status == 0, "\(again.stderr)")
    let list = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(
      list.stdout.contains("florida  state  US       1        2026-11-20  2d   92d  ok"), "\(list.stdout)")
    #expect(list.stdout.contains("us-tx    state  US       1        2026-11-20  2d   92d  ok"))
    // An explicit age still wins, and a national list in the US keeps the FTC's 31 days.
    let ftc = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "r.txt", "--kind", "national", "--country", "US", "--format", "plain",
        "--downloaded-at", "2026-11-20",
      ], in: dir)
    #expect(ftc.status == 0, "\(ftc.stderr)")
    let ms = try ScrubBinary.run(
      [
        "registry", "import", "ms", "r.txt", "--kind", "state", "--country", "US-MS", "--format", "plain",
        "--max-age-days", "40", "--downloaded-at", "2026-11-20",
      ], in: dir)
    #expect(ms.status == 0)
    let after = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(after.stdout.contains("us-ftc   national  US       1"))
    #expect(after.stdout.split(separator: "\n").contains { $0.hasPrefix("us-ftc ") && $0.contains(" 31d ") })
    #expect(after.stdout.split(separator: "\n").contains { $0.hasPrefix("ms ") && $0.contains(" 40d ") })
  }
}
