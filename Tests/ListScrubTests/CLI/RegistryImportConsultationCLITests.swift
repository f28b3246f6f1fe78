import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `scrub registry import SOURCE FILE --format robinson-result|listed-result|rnd-result` (issue
/// 17, items 2 and 6), `scrub check`'s consultation lines (item 4), `scrub audit consultations`
/// (item 5) and `scrub db verify` over consultations. The clock is pinned at
/// 2026-11-22T12:00:00Z, so each query is recorded then.
@Suite struct RegistryImportConsultationCLITests {
  static let spanish = "phone\n+34 612 345 678\n612345679\n+34 611 111 111\n"

  func run(_ dir: TestDirectory, _ arguments: [String], environment: [String: String] = [:]) throws
    -> ScrubBinary.Result
  {
    try ScrubBinary.run(arguments, environment: environment, in: dir)
  }

  /// A Spanish robinson query (or robinson-hash) of three numbers, recorded as query 1.
  func query(_ dir: TestDirectory, format: String = "robinson", source: String = "es-robinson") throws {
    try dir.write("leads.csv", Self.spanish)
    let r = try run(
      dir, ["registry", "query", source, "leads.csv", "--country", "ES", "--format", format, "-o", "q.txt"])
    #expect(r.status == 0, "\(r.stderr)")
  }

  func consultations(_ dir: TestDirectory) throws -> [ConsultationSnapshot] {
    let store = try Store.open(at: dir.database, create: false)
    return try store.queue.read { db in try Store.consultations(db) }
  }

  @Test func robinsonResultKeepsEachNumbersVerdictSectorsAndProof() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir)
    // The client's layout: an optional customer id, the query's field, found, sectors, proof;
    // quoted when the input was. Line 4 answers a number never queried.
    try dir.write(
      "answers.csv",
      "+34611111111,0,,sigA\nC7,+34612345678,1,1#4,sigB\n\"C8\",\"+34612345679\",\"0\",\"\",\"sigC\"\n+34699999999,1,2,sigD\n"
    )
    let args = [
      "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind", "national",
      "--answered-at", "2026-11-23",
    ]
    let r = try run(dir, args)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr
        == "es-robinson (ES, robinson-result): query 1's 3 numbers: 1 listed, 2 clear, 0 unanswered; 4 lines read, 1 rejected (first: line 4, not_queried); answered 2026-11-23T00:00:00Z, expires 2026-12-23T00:00:00Z; recorded as consultation 1 (new consulted source es-robinson)\n"
    )
    let all = try consultations(dir)
    #expect(all.count == 1)
    let c = try #require(all.first)
    #expect(c.listed == [34_612_345_678] && c.clear == [34_611_111_111, 34_612_345_679] && c.noData.isEmpty)
    #expect(c.rejected == 1 && c.rowsRead == 4 && c.unanswered == 0 && c.kind == .national)
    #expect(c.expiresAt == "2026-12-23T00:00:00Z" && !c.answeredAtGuessed)
    let store = try Store.open(at: dir.database, create: false)
    let details = try store.queue.read { db in try Store.consultationDetails(db, number: 34_612_345_678) }
    #expect(details[c.id] == .init(number: 34_612_345_678, verdict: .listed, sectors: "1#4", proof: "sigB"))
    let sample = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT rejected_sample FROM consultation")
    }
    #expect(sample?.contains("\"line\":4") == true && sample?.contains("not_queried") == true)
    // The same file again: a no-op that says so, exit 0.
    let again = try run(dir, args)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("is already consultation 1; nothing was imported"), "\(again.stderr)")
    #expect(try consultations(dir).count == 1)
    // scrub check shows the answer, its sectors, proof and expiry; expired after it.
    let check = try run(dir, ["check", "+34612345678"])
    #expect(
      check.stdout.contains(
        "  es-robinson: LISTED by consultation 1 (robinson-result, answered 2026-11-23, sectors 1#4, proof sigB), expires 2026-12-23"
      ), "\(check.stdout)")
    let later = try run(dir, ["check", "+34612345678", "--json", "--at", "2026-12-24T00:00:00Z"])
    #expect(later.stdout.contains("\"expired\" : true"), "\(later.stdout)")
    #expect(try run(dir, ["check", "+34612345678", "--json"]).stdout.contains("\"expired\" : false"))
    #expect(try run(dir, ["db", "verify"]).status == 0)
  }

  @Test func aHashedQuerysAnswersAreMappedBackToItsNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir, format: "robinson-hash")
    let listed = RobinsonHash.hash("+34612345678", channel: .call).uppercased()
    let clear = RobinsonHash.hash("+34611111111", channel: .call)
    let stranger = RobinsonHash.hash("+34699999999", channel: .call)
    try dir.write(
      "answers.csv", "\(listed),1,3,p1\n\(clear),0,,p2\n\(stranger),1,,p3\nnot-a-hash,0,,p4\n")
    let r = try run(
      dir,
      [
        "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind",
        "national",
        "--answered-at", "2026-11-23",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let c = try #require(try consultations(dir).first)
    #expect(c.listed == [34_612_345_678] && c.clear == [34_611_111_111] && c.unanswered == 1)
    #expect(c.rejected == 2)
    #expect(r.stderr.contains("(first: line 3, not_queried)"), "\(r.stderr)")
    for clear in ["612345678", "611111111"] { #expect(!r.stderr.contains(clear)) }
  }

  @Test func listedResultNeedsToBeToldWhatItHolds() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("fr.csv", "phone\n06 12 34 56 78\n06 12 34 56 79\n06 12 34 56 70\n")
    #expect(
      try run(dir, ["registry", "query", "fr-bloctel", "fr.csv", "--country", "FR", "--format", "numbers"])
        .status
        == 0)
    try dir.write("washed.txt", "0612345678\n")
    let base = [
      "registry", "import", "fr-bloctel", "washed.txt", "--format", "listed-result", "--kind", "national",
      "--answered-at", "2026-11-23",
    ]
    let unsaid = try run(dir, base)
    #expect(unsaid.status == 64, "\(unsaid.stderr)")
    #expect(unsaid.stderr.contains("--holds clear"), "\(unsaid.stderr)")
    // Bloctel's way: the file is the list with the registered numbers struck out.
    let washed = try run(dir, base + ["--holds", "clear"])
    #expect(washed.status == 0, "\(washed.stderr)")
    var c = try #require(try consultations(dir).first)
    #expect(c.clear == [33_612_345_678] && c.listed == [33_612_345_670, 33_612_345_679] && c.unanswered == 0)
    // The registered numbers only, with a header: every other number of the query is clear.
    try dir.write("registered.csv", "Numéro\n+33 6 12 34 56 79\n")
    let registered = try run(
      dir,
      [
        "registry", "import", "fr-bloctel", "registered.csv", "--format", "listed-result", "--holds",
        "listed",
        "--answered-at", "2026-11-23T06:00:00Z",
      ])
    #expect(registered.status == 0, "\(registered.stderr)")
    c = try #require(try consultations(dir).first)
    #expect(c.listed == [33_612_345_679] && c.clear == [33_612_345_670, 33_612_345_678])
    // Every number with a flag: yes/no, 1/0, true/false, Y/N, oui/non in any case; others rejected.
    try dir.write("flags.csv", "numero;inscrit\n+33612345678;OUI\n0612345679;n\n0612345670;maybe\n")
    let flagged = try run(
      dir,
      [
        "registry", "import", "fr-bloctel", "flags.csv", "--format", "listed-result", "--column", "Inscrit",
        "--answered-at", "2026-11-23T09:00:00Z",
      ])
    #expect(flagged.status == 0, "\(flagged.stderr)")
    c = try #require(try consultations(dir).first)
    #expect(
      c.listed == [33_612_345_678] && c.clear == [33_612_345_679] && c.unanswered == 1 && c.rejected == 1)
    #expect(flagged.stderr.contains("(first: line 4, bad_flag)"), "\(flagged.stderr)")
    let missing = try run(
      dir,
      [
        "registry", "import", "fr-bloctel", "flags.csv", "--format", "listed-result", "--column", "flag",
        "--answered-at", "2026-11-23T09:00:00Z", "--dry-run",
      ])
    #expect(missing.status == 65 && missing.stderr.contains("flags.csv:1"), "\(missing.stderr)")
  }

  @Test func rndResultMatchesEachNumbersConsentDay() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for (number, date) in [("201-234-5678", "2026-03-04"), ("202-234-5670", "2025-03-04")] {
      let r = try run(
        dir,
        [
          "consent", "add", number, "--kind", "written_consent", "--date", date, "--evidence", "form",
          "--quiet",
        ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    try dir.write("us.csv", "phone\n201-234-5678\n202-234-5670\n")
    #expect(
      try run(
        dir, ["registry", "query", "us-rnd", "us.csv", "--country", "US", "--format", "rnd", "-o", "q.csv"]
      )
      .status == 0)
    // Header names in any case; MM/DD/YYYY too; a date other than the query's is rejected.
    try dir.write(
      "answers.csv",
      "Phone Number,DATE,Response\n2012345678,2026-03-04,Yes\n(202) 234-5670,03/04/2025,No Data\n2022345670,2025-03-05,no\n"
    )
    // A new RND source is of the kind reassigned without --kind.
    let r = try run(
      dir,
      [
        "registry", "import", "us-rnd", "answers.csv", "--format", "rnd-result", "--answered-at",
        "2026-11-23",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let c = try #require(try consultations(dir).first)
    #expect(
      c.kind == .reassigned && c.listed == [12_012_345_678] && c.noData == [12_022_345_670] && c.clear.isEmpty
    )
    #expect(
      r.stderr.contains("1 no data") && r.stderr.contains("(first: line 4, date_mismatch)"), "\(r.stderr)")
    let check = try run(dir, ["check", "201-234-5678"])
    #expect(
      check.stdout.contains(
        "us-rnd: REASSIGNED (yes) by consultation 1 (rnd-result, answered 2026-11-23, asked about 2026-03-04)"
      ), "\(check.stdout)")
    // Another kind for an RND answer is refused; so is a header without a result column.
    try dir.write("bad.csv", "phone,date\n2012345678,2026-03-04\n")
    let noResult = try run(
      dir,
      ["registry", "import", "us-rnd", "bad.csv", "--format", "rnd-result", "--answered-at", "2026-11-23"])
    #expect(noResult.status == 65 && noResult.stderr.contains("no result column"), "\(noResult.stderr)")
    let kind = try run(
      dir,
      [
        "registry", "import", "us-rnd2", "answers.csv", "--format", "rnd-result", "--kind", "national",
        "--answered-at", "2026-11-23",
      ])
    #expect(kind.status != 0, "\(kind.stderr)")
  }

  @Test func badAnswersAreRefusedWithNothingChanged() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    // No query yet: nothing to match the answers to.
    try dir.write("answers.csv", "+34612345678,1,,sig\n+34611111111,0,,sig\n")
    let base = [
      "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind", "national",
    ]
    let none = try run(dir, base + ["--answered-at", "2026-11-23"])
    #expect(none.status == 64 && none.stderr.contains("scrub registry query es-robinson"), "\(none.stderr)")
    try query(dir)
    // Dated before the query was written.
    let early = try run(dir, base + ["--answered-at", "2026-11-21"])
    #expect(early.status == 65 && early.stderr.contains("before query 1 was written"), "\(early.stderr)")
    // A bare day on the query's own day is that day, no earlier than the query.
    let sameDay = try run(dir, base + ["--answered-at", "2026-11-22", "--dry-run"])
    #expect(sameDay.status == 0 && sameDay.stderr.hasPrefix("dry run: "), "\(sameDay.stderr)")
    #expect(sameDay.stderr.contains("answered 2026-11-22T12:00:00Z"), "\(sameDay.stderr)")
    // The answers of another country's query.
    try dir.write("fr.csv", "phone\n06 12 34 56 78\n")
    #expect(
      try run(dir, ["registry", "query", "fr-bloctel", "fr.csv", "--country", "FR", "--format", "numbers"])
        .status == 0)
    let foreign = try run(dir, base + ["--answered-at", "2026-11-23", "--query", "2"])
    #expect(
      foreign.status == 65 && foreign.stderr.contains("query 2 was sent to fr-bloctel"), "\(foreign.stderr)")
    let french = try run(dir, base + ["--answered-at", "2026-11-23", "--country", "FR"])
    #expect(french.status == 65, "\(french.stderr)")
    // Mostly lines of no query: refused, --force imports what matches.
    try dir.write(
      "mostly.csv", "+34612345678,1,,sig\n+34600000001,0,,s\n+34600000002,0,,s\n+34600000003,0,,s\n")
    let mostly = try run(
      dir,
      [
        "registry", "import", "es-robinson", "mostly.csv", "--format", "robinson-result", "--kind",
        "national", "--answered-at", "2026-11-23",
      ])
    #expect(mostly.status == 65 && mostly.stderr.contains("mostly.csv:2"), "\(mostly.stderr)")
    // A file in another layout altogether answers nothing, even with --force.
    try dir.write("ftc.txt", "201,2345678\n")
    let ftc = try run(
      dir,
      [
        "registry", "import", "es-robinson", "ftc.txt", "--format", "robinson-result", "--kind", "national",
        "--answered-at", "2026-11-23", "--force",
      ])
    #expect(ftc.status == 65, "\(ftc.stderr)")
    #expect(try consultations(dir).isEmpty)
    let forced = try run(
      dir,
      [
        "registry", "import", "es-robinson", "mostly.csv", "--format", "robinson-result", "--kind",
        "national", "--answered-at", "2026-11-23", "--force", "--quiet",
      ])
    #expect(forced.status == 0 && forced.stderr.isEmpty, "\(forced.stderr)")
    #expect(try consultations(dir).first?.rejected == 3)
    // A downloaded source takes no answers; a registry file's options mean nothing here.
    try ScrubBinary.importRegistry(in: dir)
    let downloaded = try run(
      dir,
      [
        "registry", "import", "us-ftc", "answers.csv", "--format", "robinson-result", "--answered-at",
        "2026-11-23",
      ])
    #expect(downloaded.status != 0, "\(downloaded.stderr)")
    let options = try run(dir, base + ["--downloaded-at", "2026-11-23"])
    #expect(options.status == 64 && options.stderr.contains("--answered-at"), "\(options.stderr)")
    let queryOnFile = try run(dir, ["registry", "import", "us-ftc", "answers.csv", "--query", "1"])
    #expect(queryOnFile.status == 64, "\(queryOnFile.stderr)")
  }

  @Test func aQueryRecordedBeforeV12MustBeRunAgain() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir)
    let store = try Store.open(at: dir.database, create: false)
    try store.queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO consultation_query (source, country, format, channel, numbers, file_sha256,
            numbers_sha256, recorded_at, recorded_by, tool_version)
          VALUES ('es-robinson', 'ES', 'robinson', 'call', 3, ?, ?, '2026-11-22T12:00:00Z', 'me', 'old')
          """, arguments: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
    }
    try dir.write("answers.csv", "+34612345678,1,,sig\n")
    let r = try run(
      dir,
      [
        "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind",
        "national", "--answered-at", "2026-11-23",
      ])
    #expect(r.status == 65 && r.stderr.contains("run the query again"), "\(r.stderr)")
    // The older query, which kept its numbers, still takes them.
    let older = try run(
      dir,
      [
        "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind",
        "national", "--answered-at", "2026-11-23", "--query", "1",
      ])
    #expect(older.status == 0, "\(older.stderr)")
    let audit = try run(dir, ["audit", "consultations"])
    #expect(audit.stdout.contains("run it again to import its answers"), "\(audit.stdout)")
  }

  @Test func theFilesModificationTimeIsAGuessAndADryRunWritesNothing() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir)
    let file = try dir.write("answers.csv", "+34612345678,1,,sig\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2026-11-23T08:00:00Z")!], ofItemAtPath: file)
    let args = [
      "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind", "national",
    ]
    let dry = try run(dir, args + ["--dry-run"])
    #expect(dry.status == 0 && dry.stderr.contains("nothing was recorded"), "\(dry.stderr)")
    #expect(try consultations(dir).isEmpty)
    let r = try run(dir, args)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("scrub: warning: no --answered-at: took answers.csv's modification time"),
      "\(r.stderr)")
    let c = try #require(try consultations(dir).first)
    #expect(c.answeredAt == "2026-11-23T08:00:00Z" && c.answeredAtGuessed && c.unanswered == 2)
    // Standard input has no modification time: --answered-at is needed, and the record says `-`.
    try dir.write("more.csv", "+34611111111,0,,sig2\n")
    let stdin = ["registry", "import", "es-robinson", "-", "--format", "robinson-result"]
    let dateless = try ScrubBinary.run(stdin, stdin: "more.csv", in: dir)
    #expect(dateless.status == 64 && dateless.stderr.contains("--answered-at"), "\(dateless.stderr)")
    let piped = try ScrubBinary.run(
      stdin + ["--answered-at", "2026-11-23T09:00:00Z"], stdin: "more.csv", in: dir)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(try consultations(dir).first?.fileName == "-")
    // --quiet drops the summary, never the warning.
    let quiet = try run(
      dir, ["registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--quiet"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
  }

  @Test func theAuditListsQueriesAndTheirAnswers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir)
    try dir.write("answers.csv", "+34612345678,1,,sig\n+34611111111,0,,sig\n")
    #expect(
      try run(
        dir,
        [
          "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind",
          "national", "--answered-at", "2026-11-23T10:00:00Z",
        ]
      ).status == 0)
    let text = try run(dir, ["audit", "consultations"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(
      text.stdout == """
        query 1: es-robinson (ES, robinson, call), 3 numbers, sent 2026-11-22T12:00:00Z by \(ProcessInfo.processInfo.environment["SCRUB_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
          consultation 1: robinson-result answers.csv, answered 2026-11-23T10:00:00Z, imported 2026-11-22T12:00:00Z by \(ProcessInfo.processInfo.environment["SCRUB_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"): 1 listed, 1 clear, 1 unanswered, 0 of 2 lines rejected; expires 2026-12-23T10:00:00Z

        """, "\(text.stdout)")
    let later = try run(
      dir, ["audit", "consultations", "--json"], environment: ["SCRUB_NOW": "2026-12-24T00:00:00Z"])
    struct Audit: Decodable {
      struct Query: Decodable {
        var id: Int64
        var numbers: Int
        var consultations: [Answer]
      }
      struct Answer: Decodable {
        var listed: Int
        var unanswered: Int
        var expired: Bool
      }
      var queries: [Query]
    }
    let audit = try JSONDecoder().decode(Audit.self, from: Data(later.stdout.utf8))
    #expect(audit.queries.count == 1 && audit.queries[0].numbers == 3)
    #expect(audit.queries[0].consultations.first?.expired == true)
    #expect(audit.queries[0].consultations.first?.unanswered == 1)
    #expect(!later.stdout.contains("612345678"))
    let other = try run(dir, ["audit", "consultations", "--source", "fr-bloctel"])
    #expect(other.stdout.hasPrefix("no consultation queries"), "\(other.stdout)")
  }

  @Test(arguments: [
    ("healthy", ""),
    ("count", "says 5 listed, its list holds 1"),
    ("blob", "its clear numbers cannot be read"),
    ("stranger", "answers a number its query 1 did not ask about"),
    ("answer", "1 per-number answer disagree"),
  ])
  func verifyNamesADamagedConsultation(damage: String, expected: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try query(dir)
    try dir.write("answers.csv", "+34612345678,1,,sig\n+34611111111,0,,sig\n")
    #expect(
      try run(
        dir,
        [
          "registry", "import", "es-robinson", "answers.csv", "--format", "robinson-result", "--kind",
          "national", "--answered-at", "2026-11-23",
        ]
      ).status == 0)
    #expect(try run(dir, ["db", "verify"]).status == 0)
    guard !expected.isEmpty else { return }
    // History is append-only, so damage is a forged row written beside the real one.
    let store = try Store.open(at: dir.database, create: false)
    try store.queue.write { db in
      let listed = Data(NumberList.encode([damage == "stranger" ? 34_699_999_999 : 34_612_345_678]))
      let clear = damage == "blob" ? Data([1, 9]) : Data(NumberList.encode([]))
      try db.execute(
        sql: """
          INSERT INTO consultation (source_id, query_id, format, file_name, file_sha256, answered_at,
            answered_at_guessed, expires_at, rows_read, listed, clear, no_data, unanswered, rejected,
            rejected_sample, listed_numbers, clear_numbers, no_data_numbers, imported_at, recorded_by, tool_version)
          SELECT source_id, query_id, format, 'forged.csv', ?, answered_at, 0, expires_at, 1, ?, 0, 0, 2, 0,
            '[]', ?, ?, ?, imported_at, 'x', 'x' FROM consultation WHERE id = 1
          """,
        arguments: [
          String(repeating: "f", count: 64), damage == "count" ? 5 : 1, listed, clear,
          Data(NumberList.encode([])),
        ])
      if damage == "answer" {
        try db.execute(
          sql:
            "INSERT INTO consultation_answer (number, consultation_id, answer) VALUES (34611111111, 2, 'listed')"
        )
      }
    }
    let r = try run(dir, ["db", "verify"])
    #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
    #expect((r.stdout + r.stderr).contains("es-robinson: consultation 2"), "\(r.stdout)")
    #expect((r.stdout + r.stderr).contains(expected), "\(r.stdout)")
  }
}
