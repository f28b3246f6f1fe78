import Foundation
import Testing

/// The EBR windows follow the number's country (issue 14, item 4): `ebr_purchase_months` and
/// `ebr_inquiry_months` of its rule, with `--ebr-purchase-months` / `--ebr-inquiry-months` as
/// overrides for every number. The clock is 2026-11-22; each number has an inquiry EBR of
/// 2026-06-22, five months old: inside Canada's 6 months, outside the US's 3.
@Suite struct EBRWindowCLITests {
  /// Canada's bundled rule with its windows confirmed: the bundled table marks them unverified,
  /// so that a scrub grants no EBR exemption from the National DNCL.
  static let confirmedCanada = """
    schema = 1

    [CA]
    name = "Canada"
    consent = "not-required"
    registry_exemptions = ["consent", "ebr-purchase", "ebr-inquiry"]
    ebr_purchase_months = 18
    ebr_inquiry_months = 6
    optout_deadline_days = 14
    optout_deadline_kind = "calendar"
    unverified = []
    citations = ["Telecommunications Act s. 41.7 (EBR definition, 18 and 6 months): confirmed by the test"]

    [[CA.registry]]
    name = "National Do Not Call List (CRTC)"
    source = "ca-dncl"
    kind = "national"
    access = "download"
    max_age_days = 31

    """

  /// A store with us-ftc listing 201-234-5678 and ca-dncl listing 416-234-5679, both with an
  /// inquiry EBR of 2026-06-22, and a rules file confirming Canada's rule.
  static func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("ca.txt", "416,2345679\n")
    try dir.write("rules.toml", confirmedCanada)
    try dir.write("leads.csv", "id,phone\n1,201-234-5678\n2,416-234-5679\n")
    for args in [
      [
        "registry", "import", "ca-dncl", "ca.txt", "--kind", "national", "--country", "CA", "--downloaded-at",
        "2026-11-20",
      ],
      [
        "consent", "add", "201-234-5678", "416-234-5679", "--kind", "ebr_inquiry", "--date", "2026-06-22",
        "--evidence", "web form",
      ],
    ] {
      let r = try ScrubBinary.run(args, in: dir)
      #expect(r.status == 0, "\(args): \(r.stderr)")
    }
    return dir
  }

  /// `scrub clean leads.csv` with `extra`: the clean and suppressed files' rows after their
  /// headers, and the report's settings.
  static func clean(_ extra: [String], in dir: TestDirectory) throws -> (
    clean: [String], suppressed: [String], settings: [String: Any]
  ) {
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--suppressed", "sup.csv", "--report", "run.json", "--quiet"]
        + extra, in: dir)
    #expect(r.status == 0, "\(extra): \(r.stderr)")
    func rows(_ name: String) throws -> [String] {
      try String(contentsOfFile: dir.path + "/" + name, encoding: .utf8).split(separator: "\n").dropFirst()
        .map(String.init)
    }
    let report = try JSONSerialization.jsonObject(
      with: Data(contentsOf: dir.url.appendingPathComponent("run.json")))
    let settings = (report as? [String: Any])?["settings"] as? [String: Any] ?? [:]
    return (try rows("out.csv"), try rows("sup.csv"), settings)
  }

  @Test func aFiveMonthOldInquiryExemptsACanadianNumberNotAUSOne() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let run = try Self.clean(["--rules", "rules.toml"], in: dir)
    #expect(
      run.clean == ["2,416-234-5679,+14162345679,ebr_inquiry until 2026-12-22,ebr_inquiry until 2026-12-22"])
    #expect(run.suppressed == ["1,201-234-5678,2,phone,registry_dnc,us-ftc snapshot 2026-11-20"])
    // The record keeps the US windows applied, as before the windows followed the country.
    #expect(run.settings["ebr"] as? [String: Int] == ["purchase_months": 18, "inquiry_months": 3])
    #expect(run.settings["ebr_overrides"] == nil)
  }

  @Test func theBundledTableMeasuresCanadasWindowButGrantsNoExemption() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let run = try Self.clean([], in: dir)
    #expect(run.clean.isEmpty)
    #expect(
      run.suppressed == [
        "1,201-234-5678,2,phone,registry_dnc,us-ftc snapshot 2026-11-20",
        "2,416-234-5679,3,phone,registry_dnc,ebr_inquiry until 2026-12-22 does not exempt from CA's registries"
          + " (registry_exemptions in scrub rules CA)",
      ])
  }

  @Test func anOverrideAppliesToEveryCountry() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let longer = try Self.clean(["--rules", "rules.toml", "--ebr-inquiry-months", "7"], in: dir)
    #expect(
      longer.clean == [
        "1,201-234-5678,+12012345678,ebr_inquiry until 2027-01-22,ebr_inquiry until 2027-01-22",
        "2,416-234-5679,+14162345679,ebr_inquiry until 2027-01-22,ebr_inquiry until 2027-01-22",
      ])
    #expect(longer.settings["ebr"] as? [String: Int] == ["purchase_months": 18, "inquiry_months": 7])
    #expect(longer.settings["ebr_overrides"] as? [String: Int] == ["inquiry_months": 7])
    let shorter = try Self.clean(["--rules", "rules.toml", "--ebr-inquiry-months", "4"], in: dir)
    #expect(shorter.clean.isEmpty)
    #expect(
      shorter.suppressed == [
        "1,201-234-5678,2,phone,registry_dnc,us-ftc snapshot 2026-11-20",
        "2,416-234-5679,3,phone,registry_dnc,ca-dncl snapshot 2026-11-20",
      ])
    // The purchase window alone: the inquiry windows stay each country's.
    let purchase = try Self.clean(["--rules", "rules.toml", "--ebr-purchase-months", "12"], in: dir)
    #expect(purchase.clean.count == 1 && purchase.clean[0].hasPrefix("2,416-234-5679,"), "\(purchase.clean)")
    #expect(purchase.settings["ebr"] as? [String: Int] == ["purchase_months": 12, "inquiry_months": 3])
    #expect(purchase.settings["ebr_overrides"] as? [String: Int] == ["purchase_months": 12])
  }

  @Test func checkAndConsentListUseTheCountrysWindow() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let check = try ScrubBinary.run(
      ["check", "416-234-5679", "201-234-5678", "--rules", "rules.toml"], in: dir)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("  clean: kept: ebr_inquiry until 2026-12-22\n"), "\(check.stdout)")
    #expect(check.stdout.hasSuffix("  clean: registry_dnc: us-ftc snapshot 2026-11-20\n"), "\(check.stdout)")
    let list = try ScrubBinary.run(["consent", "list", "--json", "--rules", "rules.toml"], in: dir)
    #expect(list.status == 0, "\(list.stderr)")
    let listings = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
    let byNumber = Dictionary(
      uniqueKeysWithValues: listings.compactMap { l -> (String, (String?, String?))? in
        guard let consent = l["consent"] as? [String: Any], let number = consent["number"] as? String else {
          return nil
        }
        return (number, (l["last_day"] as? String, l["status"] as? String))
      })
    #expect(byNumber.count == 2, "\(list.stdout)")
    #expect(byNumber["+14162345679"]?.0 == "2026-12-22" && byNumber["+14162345679"]?.1 == "active")
    #expect(byNumber["+12012345678"]?.0 == "2026-09-22" && byNumber["+12012345678"]?.1 == "expired")
  }
}
