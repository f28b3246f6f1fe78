import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `clean` uses the consulted registries' answers (issue 17, item 3): the Lista Robinson and a
/// wash service per number (listed, clear, never answered, expired), and the FCC RND against each
/// number's consent (reassigned, the safe harbor). The clock is 2026-11-22T12:00:00Z.
@Suite struct CleanConsultationCLITests {
  /// Spain's rule confirmed (the bundled one fails closed on unverified facts), with the Lista
  /// Robinson as a consulted registry.
  static let rules = """
    schema = 1

    [ES]
    name = "Spain"
    consent = "required"
    consent_bases = ["consent", "customer-relationship"]
    customer_relationship_months = 12
    registry_exemptions = ["consent"]
    optout_deadline_days = 30
    optout_deadline_kind = "calendar"
    unverified = []
    citations = ["company policy"]

    [[ES.registry]]
    name = "Lista Robinson (Adigital)"
    source = "es-robinson"
    kind = "national"
    access = "consult"

    """

  /// Queries `source` for the numbers of `leads` (`scrub registry query`, at `queriedAt`), then
  /// records the answers as the importer would (`Store.recordConsultation`), answered at
  /// `answeredAt` and good for `maxAgeDays`. Returns the consultation's id.
  @discardableResult
  static func consult(
    _ dir: TestDirectory, _ source: String, kind: RegistryKind = .national, country: String, format: String,
    leads: String, queriedAt: String = "2026-11-19T09:00:00Z", answeredAt: String, maxAgeDays: Int? = 30,
    listed: [Int64] = [], clear: [Int64] = [], noData: [Int64] = [], sectors: [Int64: String] = [:]
  ) throws -> Int64 {
    let q = try ScrubBinary.run(
      ["registry", "query", source, leads, "--format", format, "--country", country, "-o", "query.out"],
      environment: ["SCRUB_NOW": queriedAt], in: dir)
    #expect(q.status == 0, "\(q.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    let query = try #require(try store.consultationQueries().last)
    let days = try query.queriedDays()
    let numbers = try query.queriedNumbers() ?? []
    let answered = Timestamp.parse(answeredAt)!
    return try store.queue.write { db in
      let existing = try RegistrySource.fetchOne(
        db, sql: "SELECT * FROM source WHERE name = ?", arguments: [source])
      let created =
        try existing
        ?? Store.createConsultedSource(
          db, name: source, kind: kind, country: country, maxAgeDays: maxAgeDays, now: answered)
      var answers = ConsultationAnswers(
        sourceID: created.id, queryID: query.id,
        format: format == "rnd" ? .rndResult : format == "robinson" ? .robinsonResult : .listedResult,
        fileName: "answer-\(query.id).csv", fileSHA256: SHA256.hex(of: Array("answer \(query.id)".utf8)),
        answeredAt: answered)
      answers.expiresAt = maxAgeDays.map { answered.addingTimeInterval(Double($0) * 86_400) }
      answers.listed = listed.sorted()
      answers.clear = clear.sorted()
      answers.noData = noData.sorted()
      for (verdict, list) in [(ConsultationVerdict.listed, listed), (.clear, clear), (.noData, noData)] {
        for number in list {
          let asked = days.flatMap { d in numbers.firstIndex(of: number).map { d[$0] } }
          answers.details.append(
            .init(number: number, verdict: verdict, sectors: sectors[number], askedOn: asked))
        }
      }
      return try Store.recordConsultation(
        db, answers, importedAt: answered, recordedBy: "test", toolVersion: "test")
    }
  }

  static func consent(_ dir: TestDirectory, _ number: String, _ kind: String, _ date: String) throws {
    let r = try ScrubBinary.run(
      ["consent", "add", number, "--kind", kind, "--date", date, "--evidence", "form", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
  }

  struct Outcome {
    var status: Int32
    var stderr: String
    /// Each kept number's basis, by the number as the input wrote it.
    var kept: [String: String] = [:]
    /// Each removed number's reason and detail.
    var removed: [String: (reason: String, detail: String)] = [:]
    var report: [String: Any] = [:]
  }

  /// `clean leads.csv` (one `phone` column) with `arguments`, read back.
  static func clean(_ dir: TestDirectory, _ arguments: [String] = []) throws -> Outcome {
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--suppressed", "sup.csv", "--report", "report.json"]
        + arguments,
      in: dir)
    var outcome = Outcome(status: r.status, stderr: r.stderr)
    guard r.status == 0 else { return outcome }
    func rows(_ name: String) throws -> [[String]] {
      let text = try String(contentsOfFile: dir.path + "/" + name, encoding: .utf8)
      return text.split(separator: "\n").dropFirst().map { line in
        // No cell here holds a comma inside quotes but the detail and basis, which come last.
        var cells: [String] = []
        var current = ""
        var quoted = false
        for c in line {
          if c == "\"" {
            quoted.toggle()
          } else if c == "," && !quoted {
            cells.append(current)
            current = ""
          } else {
            current.append(c)
          }
        }
        cells.append(current)
        return cells
      }
    }
    let cleanHeader = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
      .prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    let basis = try #require(cleanHeader.firstIndex(of: "scrub_basis"))
    for row in try rows("out.csv") { outcome.kept[row[0]] = row[basis] }
    let supHeader = try String(contentsOfFile: dir.path + "/sup.csv", encoding: .utf8)
      .prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    let reason = try #require(supHeader.firstIndex(of: "scrub_reason"))
    let detail = try #require(supHeader.firstIndex(of: "scrub_detail"))
    for row in try rows("sup.csv") { outcome.removed[row[0]] = (row[reason], row[detail]) }
    let json = try Data(contentsOf: dir.url.appendingPathComponent("report.json"))
    outcome.report = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    return outcome
  }

  /// Spain: six numbers, each with a customer relationship (which lets a Spanish number be
  /// called, but does not exempt it from the Lista Robinson) or an express consent (which does).
  static func spain() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("rules.toml", rules)
    for n in ["+34612345671", "+34612345672", "+34612345673", "+34612345676"] {
      try consent(dir, n, "customer_relationship", "2026-01-01")
    }
    for n in ["+34612345674", "+34612345675"] { try consent(dir, n, "express_consent", "2026-02-01") }
    try dir.write(
      "leads.csv",
      "phone\n+34612345671\n+34612345672\n+34612345673\n+34612345674\n+34612345675\n+34612345676\n")
    // An old answer, expired on 2026-10-31, for 676 only.
    try dir.write("old.csv", "phone\n+34612345676\n+34612345672\n")
    try consult(
      dir, "es-robinson", country: "ES", format: "robinson", leads: "old.csv",
      queriedAt: "2026-09-30T09:00:00Z",
      answeredAt: "2026-10-01T10:00:00Z", clear: [34_612_345_676, 34_612_345_672])
    // The newest: 671 and 674 listed, 672 clear; 673, 675 and 676 not asked about.
    try dir.write("new.csv", "phone\n+34612345671\n+34612345672\n+34612345674\n")
    try consult(
      dir, "es-robinson", country: "ES", format: "robinson", leads: "new.csv",
      answeredAt: "2026-11-20T10:00:00Z",
      listed: [34_612_345_671, 34_612_345_674], clear: [34_612_345_672], sectors: [34_612_345_671: "1#4"])
    return dir
  }

  @Test func spainListedClearNeverAskedExpiredAndConsentExempt() throws {
    let dir = try Self.spain()
    defer { dir.remove() }
    let out = try Self.clean(dir, ["--rules", "rules.toml"])
    #expect(out.status == 0, "\(out.stderr)")
    let hint = "scrub registry query es-robinson INPUT... then import its answer"
    // Listed, with the sectors the answer named; a customer relationship does not exempt.
    #expect(out.removed["+34612345671"]?.reason == "registry_dnc")
    #expect(out.removed["+34612345671"]?.detail == "es-robinson consulted 2026-11-20: listed (sectors 1#4)")
    // Clear in the newest answer: kept, and the basis says by which answer, until when.
    #expect(
      out.kept["+34612345672"]
        == "customer_relationship 2026-01-01; es-robinson consulted 2026-11-20: not listed (valid until 2026-12-20)"
    )
    // Never asked about: not covered, with the way out.
    #expect(out.removed["+34612345673"]?.reason == "not_covered")
    #expect(out.removed["+34612345673"]?.detail == "es-robinson never answered for this number: " + hint)
    // Only an expired answer: as good as none.
    #expect(out.removed["+34612345676"]?.reason == "not_covered")
    #expect(
      out.removed["+34612345676"]?.detail == "es-robinson's answer of 2026-10-01 expired on 2026-10-31: "
        + hint)
    // Express consent: Spain's rule lets it stand in for the Lista Robinson, listed or not asked.
    #expect(
      out.kept["+34612345674"]?.hasPrefix(
        "express_consent 2026-02-01; es-robinson consulted 2026-11-20: listed") == true, "\(out.kept)")
    #expect(
      out.kept["+34612345675"]
        == "express_consent 2026-02-01; not checked: es-robinson never answered for this number (express_consent 2026-02-01 stands in)"
    )
    #expect(out.kept.count == 3 && out.removed.count == 3, "\(out.kept) \(out.removed)")

    // The record names both consultations, newest first, and what each decided.
    let consultations = try #require(out.report["consultations"] as? [[String: Any]])
    #expect(consultations.map { $0["id"] as? Int } == [2, 1])
    #expect(consultations.map { $0["expired"] as? Bool } == [false, true])
    #expect(consultations.map { $0["numbers_decided"] as? Int } == [3, 0])
    #expect(consultations[0]["answered_at"] as? String == "2026-11-20T10:00:00Z")
    #expect(consultations[0]["expires_at"] as? String == "2026-12-20T10:00:00Z")
    #expect(consultations[0]["source"] as? String == "es-robinson")
    #expect(consultations[0]["listed"] as? Int == 2 && consultations[0]["clear"] as? Int == 1)
    #expect((consultations[0]["file_sha256"] as? String)?.count == 64)
    let counts = try #require(out.report["counts"] as? [String: Any])
    #expect((counts["by_source"] as? [String: Int]) == ["es-robinson": 1])
    let notCovered = try #require(counts["not_covered"] as? [String: Any])
    #expect((notCovered["consulted"] as? [String: Int]) == ["es-robinson": 2])
    #expect((notCovered["next_step"] as? String)?.contains("scrub registry query SOURCE INPUT") == true)
    #expect((counts["exempt"] as? [String: Int]) == ["express_consent": 1])
  }

  @Test func allowUncoveredKeepsTheUnansweredNumbersNotChecked() throws {
    let dir = try Self.spain()
    defer { dir.remove() }
    let out = try Self.clean(dir, ["--rules", "rules.toml", "--allow-uncovered"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(
      out.kept["+34612345673"]
        == "customer_relationship 2026-01-01; not checked: es-robinson never answered for this number (allowed uncovered)"
    )
    #expect(
      out.kept["+34612345676"]
        == "customer_relationship 2026-01-01; not checked: es-robinson's answer of 2026-10-01 expired on 2026-10-31 (allowed uncovered)"
    )
    // A listed answer still suppresses.
    #expect(out.removed["+34612345671"]?.reason == "registry_dnc")
    #expect(out.removed.count == 1, "\(out.removed)")
  }

  @Test func answersAreJudgedAtTheCallInstant() throws {
    let dir = try Self.spain()
    defer { dir.remove() }
    // On 2026-12-21 the newest answer has expired too (Mondays, 9:00-21:00 local: 10:00 UTC).
    let out = try Self.clean(dir, ["--rules", "rules.toml", "--call-at", "2026-12-21T10:00:00Z"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(
      out.removed["+34612345672"]?.detail
        == "es-robinson's answer of 2026-11-20 expired on 2026-12-20: scrub registry query es-robinson INPUT... then import its answer"
    )
    #expect(out.removed["+34612345671"]?.reason == "not_covered")
  }

  @Test func spainWithoutAnyConsultationExpectsAQuery() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("rules.toml", Self.rules)
    try Self.consent(dir, "+34612345671", "customer_relationship", "2026-01-01")
    try Self.consent(dir, "+34612345675", "express_consent", "2026-02-01")
    try dir.write("leads.csv", "phone\n+34612345671\n+34612345675\n")
    let out = try Self.clean(dir, ["--rules", "rules.toml"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(
      out.removed["+34612345671"]?.detail
        == "ES expects es-robinson (scrub rules ES): none in use; scrub registry query es-robinson INPUT... --country ES, then import its answer"
    )
    #expect(out.kept["+34612345675"] == "express_consent 2026-02-01")
    #expect(out.report["consultations"] == nil)
  }

  @Test func aCustomConsultedListAppliesToItsCountrysNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("asked.csv", "phone\n201-222-0001\n201-222-0002\n")
    try Self.consult(
      dir, "us-wash", kind: .custom, country: "US", format: "numbers", leads: "asked.csv",
      answeredAt: "2026-11-21T08:00:00Z", maxAgeDays: nil, listed: [12_012_220_001], clear: [12_012_220_002])
    try dir.write(
      "leads.csv", "phone\n201-222-0001\n201-222-0002\n201-222-0003\n201-234-5678\n+447700900123\n")
    let out = try Self.clean(dir)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.removed["201-222-0001"]?.reason == "registry_dnc")
    #expect(out.removed["201-222-0001"]?.detail == "us-wash consulted 2026-11-21: listed")
    // A custom list's answers do not expire; the basis names both lists.
    #expect(
      out.kept["201-222-0002"]
        == "checked against us-ftc snapshot 2026-11-20; us-wash consulted 2026-11-21: not listed")
    #expect(
      out.removed["201-222-0003"]?.detail
        == "us-wash never answered for this number: scrub registry query us-wash INPUT... then import its answer"
    )
    // The downloaded list decides first.
    #expect(out.removed["201-234-5678"]?.detail == "us-ftc snapshot 2026-11-20")
    // A British number is not the list's to judge.
    #expect(out.removed["+447700900123"]?.reason != "registry_dnc")
    #expect(out.removed["+447700900123"]?.detail.contains("us-wash") == false)
    // --sources without it: the list is not consulted.
    let without = try Self.clean(dir, ["--sources", "us-ftc"])
    #expect(without.status == 0, "\(without.stderr)")
    #expect(without.kept["201-222-0003"] == "checked against us-ftc snapshot 2026-11-20")
    #expect(without.report["consultations"] == nil)
  }

  /// Two consulted lists of one country: a number both cleared is kept on both answers, in the
  /// lists' name order, each number's basis its own even when its neighbours' differ.
  @Test func twoConsultedListsBothJudgeEachNumber() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("asked.csv", "phone\n201-222-0001\n201-222-0002\n201-222-0004\n201-222-0005\n")
    try Self.consult(
      dir, "us-wash-b", kind: .custom, country: "US", format: "numbers", leads: "asked.csv",
      answeredAt: "2026-11-21T08:00:00Z", maxAgeDays: nil, listed: [12_012_220_002],
      clear: [12_012_220_001, 12_012_220_004])
    try Self.consult(
      dir, "us-wash-a", kind: .custom, country: "US", format: "numbers", leads: "asked.csv",
      answeredAt: "2026-11-20T08:00:00Z", maxAgeDays: nil,
      clear: [12_012_220_001, 12_012_220_002, 12_012_220_004, 12_012_220_005])
    try dir.write("leads.csv", "phone\n201-222-0001\n201-222-0005\n201-222-0002\n201-222-0004\n")
    let out = try Self.clean(dir)
    #expect(out.status == 0, "\(out.stderr)")
    let both =
      "checked against us-ftc snapshot 2026-11-20; us-wash-a consulted 2026-11-20: not listed; "
      + "us-wash-b consulted 2026-11-21: not listed"
    #expect(out.kept["201-222-0001"] == both)
    #expect(out.kept["201-222-0004"] == both)
    #expect(out.removed["201-222-0002"]?.reason == "registry_dnc")
    #expect(out.removed["201-222-0002"]?.detail == "us-wash-b consulted 2026-11-21: listed")
    #expect(out.removed["201-222-0005"]?.reason == "not_covered")
    #expect(
      out.removed["201-222-0005"]?.detail
        == "us-wash-b never answered for this number: scrub registry query us-wash-b INPUT... then import its answer"
    )
    #expect(out.kept.count == 2 && out.removed.count == 2, "\(out.kept) \(out.removed)")
  }

  /// Four US numbers with consents, asked about in an RND query, then answered.
  static func rnd() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    for (n, kind) in [
      ("201-222-0001", "written_consent"), ("201-222-0002", "express_consent"),
      ("201-222-0003", "written_consent"),
      ("201-222-0004", "express_consent"), ("201-222-0005", "written_consent"),
    ] {
      try consent(dir, n, kind, "2026-03-04")
    }
    try dir.write(
      "leads.csv",
      "phone\n201-222-0001\n201-222-0002\n201-222-0003\n201-222-0004\n201-222-0005\n201-222-0006\n")
    try consult(
      dir, "us-rnd", kind: .reassigned, country: "US", format: "rnd", leads: "leads.csv",
      answeredAt: "2026-11-20T10:00:00Z", listed: [12_012_220_001, 12_012_220_005],
      clear: [12_012_220_002], noData: [12_012_220_003])
    // A newer consent for 205, given after the day asked about: the new subscriber's.
    try consent(dir, "201-222-0005", "written_consent", "2026-06-01")
    return dir
  }

  @Test func theRNDJudgesEachNumberAgainstItsConsent() throws {
    let dir = try Self.rnd()
    defer { dir.remove() }
    let out = try Self.clean(dir)
    #expect(out.status == 0, "\(out.stderr)")
    // Yes for the consent's day: reassigned, written consent or not.
    #expect(out.removed["201-222-0001"]?.reason == "reassigned")
    #expect(
      out.removed["201-222-0001"]?.detail
        == "us-rnd answered 2026-11-20: disconnected since 2026-03-04, on or after the consent of 2026-03-04")
    // No: kept, and the basis notes the safe harbor.
    #expect(
      out.kept["201-222-0002"]
        == "checked against us-ftc snapshot 2026-11-20; us-rnd answered 2026-11-20: not disconnected since"
        + " 2026-03-04 (safe harbor, 47 CFR 64.1200(m), valid until 2026-12-20)")
    // No data, no answer, and yes for a day before the latest consent: as before.
    #expect(out.kept["201-222-0003"] == "checked against us-ftc snapshot 2026-11-20")
    #expect(out.kept["201-222-0004"] == "checked against us-ftc snapshot 2026-11-20")
    #expect(out.kept["201-222-0005"] == "checked against us-ftc snapshot 2026-11-20")
    #expect(out.kept["201-222-0006"] == "checked against us-ftc snapshot 2026-11-20")
    let counts = try #require(out.report["counts"] as? [String: Any])
    #expect((counts["numbers_by_reason"] as? [String: Int]) == ["reassigned": 1])
    #expect((counts["by_source"] as? [String: Int]) == ["us-rnd": 1])
    let rules = try #require(out.report["rules"] as? [String])
    #expect(rules.firstIndex(of: "reassigned") == rules.firstIndex(of: "internal_dnc")! + 1)
    let consultations = try #require(out.report["consultations"] as? [[String: Any]])
    #expect(consultations.count == 1 && consultations[0]["kind"] as? String == "reassigned")
    #expect(consultations[0]["numbers_decided"] as? Int == 2)
  }

  @Test func noConsentOrExemptionOverridesReassigned() throws {
    let dir = try Self.rnd()
    defer { dir.remove() }
    // 201-222-0001 is also on the FTC's list with its written consent, which would exempt it.
    try dir.write("registry2.txt", "201,2345678\n201,2220001\n")
    let add = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "registry2.txt", "--kind", "national", "--downloaded-at",
        "2026-11-21",
      ],
      in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    let out = try Self.clean(dir)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.removed["201-222-0001"]?.reason == "reassigned")
    // Once the answer has expired, the consent's exemption stands again.
    let later = try Self.clean(dir, ["--call-at", "2026-12-21T15:00:00Z"])
    #expect(later.status == 0, "\(later.stderr)")
    #expect(later.removed["201-222-0001"] == nil, "\(later.removed)")
    #expect(later.kept["201-222-0001"]?.hasPrefix("written_consent") == true, "\(later.kept)")
  }
}
