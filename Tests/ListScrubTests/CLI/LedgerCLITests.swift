import Foundation
import GRDB
import Testing

@testable import ListScrub

/// The ledger commands as a user and a cron job meet them: exit codes and messages.
@Suite struct LedgerCLITests {
  @Test func addRevokeAndCheck() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let add = try ScrubBinary.run(
      [
        "optout", "add", "201-555-0123", "+1212*", "--channel", "sms", "--received-at", "2026-11-20", "--by",
        "ana",
      ],
      in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stderr.contains("ledger batch 1: 2 opt-outs recorded, 0 already in the ledger"))
    #expect(add.stdout == "")
    let noEvidence = try ScrubBinary.run(["optout", "revoke", "201-555-0123"], in: dir)
    #expect(noEvidence.status == 64)
    #expect(noEvidence.stderr.contains("an opt-back-in needs evidence; nothing was recorded"))
    let revoke = try ScrubBinary.run(
      ["optout", "revoke", "201-555-0123", "--evidence", "signed form", "--received-at", "2026-11-21"],
      in: dir)
    #expect(revoke.status == 0, "\(revoke.stderr)")
    try #require(
      try ScrubBinary.run(
        [
          "registry", "import", "us-ftc", try dir.write("r.txt", "646,2345678\n"), "--kind", "national",
          "--downloaded-at", "2026-11-20",
        ],
        in: dir
      )
      .status == 0)
    let check = try ScrubBinary.run(["check", "201-555-0123", "212-234-5678"], in: dir)
    #expect(check.status == 0)
    #expect(check.stdout.contains("internal: may be called (latest event 3: opt_in 2026-11-21 (UTC))"))
    #expect(
      check.stdout.contains(
        "internal: OPTED OUT (received 2026-11-20 (UTC) via sms, wildcard +1212*, event 2, deadline 2026-12-07)"
      ))
    let history = try ScrubBinary.run(["optout", "history", "2015550123", "--json"], in: dir)
    #expect(history.stdout.contains("\"action\" : \"opt_in\""))
    #expect(history.stdout.contains("\"note\" : \"signed form\""))
  }

  /// Issue 12, case 4: `optout revoke '+1201*'` must not undo a number's own opt-out, and a
  /// revoke with nothing to undo is refused, masked, with nothing recorded.
  @Test func anAreaCodeRevokeNeverUndoesANumbersOwnOptOut() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    func run(_ args: [String]) throws -> ScrubBinary.Result {
      let result = try ScrubBinary.run(args, in: dir)
      #expect(result.status == 0, "\(args): \(result.stderr)")
      return result
    }
    func batches() throws -> Int {
      try DatabaseQueue(path: dir.database).read {
        try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger_batch")!
      }
    }
    _ = try run(["optout", "add", "2019271124", "--channel", "call", "--received-at", "2026-11-10"])
    let nothing = try ScrubBinary.run(["optout", "revoke", "+1201*", "--evidence", "x"], in: dir)
    #expect(nothing.status == 65)
    #expect(
      nothing.stderr.hasPrefix(
        "scrub: error: +1201* has no area-code opt-out standing at 2026-11-22T12:00:00Z for this opt-in to lift; nothing was recorded\n"
      ))
    let unknown = try ScrubBinary.run(["optout", "revoke", "2012223333", "--evidence", "x"], in: dir)
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("+1******3333 has no opt-out standing"))
    #expect(!unknown.stderr.contains("2012223333"))
    #expect(try batches() == 1)
    // An area-code opt-out, then its revoke: the area code is free, the number's own opt-out stands.
    _ = try run([
      "optout", "add", "+1201*", "--channel", "agent", "--received-at", "2026-11-11", "--note", "hold",
    ])
    _ = try run(["optout", "revoke", "+1201*", "--evidence", "hold lifted", "--received-at", "2026-11-12"])
    let check = try run(["check", "2019271124", "2012345600"])
    #expect(check.stdout.contains("+12019271124\n"))
    #expect(check.stdout.contains("  internal: OPTED OUT (received 2026-11-10 (UTC) via call, event 1,"))
    #expect(check.stdout.contains("  internal: may be called (latest event 3: opt_in 2026-11-12 (UTC))"))
    try dir.write("leads.csv", "id,phone\n1,201-927-1124\n2,201-234-5600\n")
    _ = try run(["clean", "leads.csv", "-o", "out.csv", "--suppressed", "sup.csv", "--quiet"])
    #expect(try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8).contains("2,201-234-5600,"))
    #expect(
      try String(contentsOfFile: dir.path + "/sup.csv", encoding: .utf8).contains(
        "1,201-927-1124,2,phone,internal_dnc,opt-out 2026-11-10 (UTC) via call"))
    let export = try run(["optout", "export"])
    #expect(export.stdout.contains("+12019271124"))
    #expect(!export.stdout.contains("+1201*"))
  }

  @Test func badNumbersAreRefusedMasked() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let bad = try ScrubBinary.run(["optout", "add", "201-555-0123", "55501234567890123"], in: dir)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("argument '*************0123': not a phone number"))
    #expect(!bad.stderr.contains("55501234567890123"))
    let wildcard = try ScrubBinary.run(["optout", "add", "+1911*"], in: dir)
    #expect(wildcard.status == 65)
    #expect(wildcard.stderr.contains("a wildcard must name one NANP area code"))
    let scope = try ScrubBinary.run(["optout", "add", "2015550123", "--scope", "team a"], in: dir)
    #expect(scope.status == 64)
    #expect(scope.stderr.contains("--scope team a is not a scope"))
  }

  @Test func importRefusalNamesLinesAndRerunIsANoOp() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("bad.csv", "phone,received_at\n2015550123,2026-11-20\n12,2026-11-20\n")
    let refused = try ScrubBinary.run(["optout", "import", "bad.csv"], in: dir)
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("bad.csv: 1 of 2 rows cannot be read; nothing was imported:"))
    #expect(refused.stderr.contains("bad.csv:3:1 (phone): not a phone number"))
    try dir.write("good.csv", "phone,received_at\n2015550123,2026-11-20\n2125550199,2026-11-21\n")
    let first = try ScrubBinary.run(["optout", "import", "good.csv", "--channel", "call"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("good.csv: 2 rows; ledger batch 1: 2 opt-outs recorded"))
    let again = try ScrubBinary.run(["optout", "import", "good.csv", "--channel", "call"], in: dir)
    #expect(again.status == 0)
    #expect(again.stderr.contains("unchanged: this file was imported as ledger batch 1"))
    let export = try ScrubBinary.run(["optout", "export"], in: dir)
    #expect(
      export.stdout
        == """
        number,wildcard,scope,received_at,deadline,channel,event_id,time_zone,received_on
        +12015550123,no,global,2026-11-20T00:00:00Z,2026-12-07,call,1,UTC,2026-11-20
        +12125550199,no,global,2026-11-21T00:00:00Z,2026-12-07,call,2,UTC,2026-11-21

        """)
    let audit = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-11-01", "--to", "2026-11-30", "--fail-on-miss"], in: dir)
    #expect(audit.status == 0, "\(audit.stderr)")
    #expect(audit.stdout.contains("2 requests (call 2); 0 recorded late; 0 missed by any of 0 runs"))
  }

  @Test func timezoneNamesTheExportsZone() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("dnc.csv", "phone,received_at\n2015550123,2026-11-19 21:30:00\n")
    let bad = try ScrubBinary.run(["optout", "import", "dnc.csv", "--timezone", "America/New_Yrok"], in: dir)
    #expect(bad.status == 64)
    #expect(
      bad.stderr.contains(
        "--timezone America/New_Yrok is not a time zone\n  hint: did you mean --timezone America/New_York?"))
    #expect(!FileManager.default.fileExists(atPath: dir.database))
    // Without --timezone: refused before anything is recorded (issue 15; it used to be read as
    // UTC with a warning after the fact). --timezone UTC says the times are UTC.
    let plain = try ScrubBinary.run(["optout", "import", "dnc.csv"], in: dir)
    #expect(plain.status == 64, "\(plain.stderr)")
    #expect(plain.stderr.contains("--timezone UTC if the times are UTC"), "\(plain.stderr)")
    #expect(
      try ScrubBinary.run(["optout", "import", "dnc.csv", "--timezone", "UTC"], in: dir).status == 0)
    // The same file again in a zone is still the same file; the warning says what was recorded.
    let again = try ScrubBinary.run(
      ["optout", "import", "dnc.csv", "--timezone", "America/New_York"], in: dir)
    #expect(again.status == 0)
    #expect(again.stderr.contains("batch 1 read its times without an offset in UTC, not America/New_York"))
    try dir.write("utc.csv", "phone,received_at\n2125550199,2026-11-19 21:30:00\n")
    let utc = try ScrubBinary.run(["optout", "import", "utc.csv", "--timezone", "UTC"], in: dir)
    #expect(utc.status == 0)
    #expect(!utc.stderr.contains("warning"))
  }

  /// An opt-back-in at 20:00 UTC and a dialer's opt-out at 18:00 New York time (23:00 UTC) the
  /// same day: read as UTC, the opt-out would seem older and the number callable.
  @Test func theZoneDecidesWhichRequestIsLatest() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    #expect(
      try ScrubBinary.run(
        ["optout", "add", "2015550123", "--received-at", "2026-11-01", "--channel", "call"], in: dir
      ).status == 0)
    #expect(
      try ScrubBinary.run(
        [
          "optout", "revoke", "2015550123", "--received-at", "2026-11-20T20:00:00Z", "--evidence",
          "signed form",
        ], in: dir
      ).status == 0)
    try dir.write("dnc.csv", "phone,received_at,channel\n2015550123,2026-11-20 18:00:00,call\n")
    let imported = try ScrubBinary.run(
      ["optout", "import", "dnc.csv", "--timezone", "America/New_York"], in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    let check = try ScrubBinary.run(["check", "2015550123"], in: dir)
    #expect(
      check.stdout.contains(
        "internal: OPTED OUT (received 2026-11-20 (America/New_York) via call, event 3, deadline 2026-12-07)"),
      "\(check.stdout)"
    )
  }

  /// Errors and warnings mask numbers (a headerless file's first row stands in its header);
  /// --show-numbers prints them whole, on every ledger command that can name one.
  @Test func ledgerErrorsMaskNumbersUnlessShowNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("headerless.csv", "2015550123,2026-11-20,call\n")
    let cases: [(arguments: [String], number: String)] = [
      (["optout", "import", "headerless.csv"], "2015550123"),
      (["optout", "import", "headerless.csv", "--column", "phone"], "2015550123"),
      (["consent", "import", "headerless.csv", "--kind", "ebr_purchase"], "2015550123"),
      (["optout", "add", "2015550123", "55501234567890123"], "55501234567890123"),
      (["optout", "revoke", "55501234567890123", "--evidence", "form"], "55501234567890123"),
      (["optout", "history", "55501234567890123"], "55501234567890123"),
      (
        [
          "consent", "add", "55501234567890123", "--kind", "ebr_purchase", "--date", "2026-11-01",
          "--evidence", "x",
        ],
        "55501234567890123"
      ),
      (["consent", "list", "55501234567890123"], "55501234567890123"),
    ]
    _ = try ScrubBinary.run(["optout", "add", "2125550199"], in: dir)
    for c in cases {
      let masked = try ScrubBinary.run(c.arguments, in: dir)
      #expect(masked.status != 0, "\(c.arguments)")
      #expect(!masked.stderr.contains(c.number), "\(c.arguments): \(masked.stderr)")
      #expect(masked.stderr.contains(PhoneMask()(c.number)), "\(c.arguments): \(masked.stderr)")
      let shown = try ScrubBinary.run(c.arguments + ["--show-numbers"], in: dir)
      #expect(shown.status == masked.status, "\(c.arguments)")
      #expect(shown.stderr.contains(c.number), "\(c.arguments): \(shown.stderr)")
    }
    // A refused line's quoted cell is masked when columns are shifted and it holds a number.
    try dir.write("shifted.csv", "phone,received_at,channel\n2015550123,2026-11-20,2125550100\n")
    let shifted = try ScrubBinary.run(["optout", "import", "shifted.csv", "--skip-invalid"], in: dir)
    #expect(shifted.status == 0)
    #expect(shifted.stderr.contains("shifted.csv:2:3 (channel): unknown channel '******0100'"))
  }

  @Test func consentNeedsEvidenceAndListsStatus() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let missing = try ScrubBinary.run(
      ["consent", "add", "2015550123", "--kind", "ebr_purchase", "--date", "2025-05-22", "--evidence", " "],
      in: dir)
    #expect(missing.status == 64)
    for (number, kind, date) in [
      ("2015550123", "ebr_purchase", "2025-05-22"), ("2015550124", "ebr_purchase", "2025-05-21"),
      ("2015550125", "written_consent", "2026-01-04"),
    ] {
      let added = try ScrubBinary.run(
        ["consent", "add", number, "--kind", kind, "--date", date, "--evidence", "order"], in: dir)
      #expect(added.status == 0, "\(added.stderr)")
    }
    _ = try ScrubBinary.run(["optout", "add", "2015550125", "--received-at", "2026-02-01"], in: dir)
    let list = try ScrubBinary.run(["consent", "list"], in: dir)
    let lines = list.stdout.split(separator: "\n").map { String($0) }
    #expect(lines.count == 4)
    #expect(
      lines[1].contains("+12015550123") && lines[1].contains("2026-11-22") && lines[1].contains("active"))
    #expect(lines[2].contains("+12015550124") && lines[2].contains("expired"))
    #expect(lines[3].contains("+12015550125") && lines[3].contains("ended by opt-out 2026-02-01"))
  }

  /// The opt-in countries' kinds go in through `consent add` and `consent import` and come out
  /// of `consent list`, which says that they exempt from no registry.
  @Test func expressConsentAndCustomerRelationships() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for args in [
      [
        "+4915112345678", "--kind", "express_consent", "--date", "2026-03-02", "--evidence", "call recording",
      ],
      [
        "+34612345678", "--kind", "customer_relationship", "--date", "2024-05-01", "--expires", "2026-02-28",
        "--evidence", "contract 7731",
      ],
    ] {
      let added = try ScrubBinary.run(["consent", "add"] + args, in: dir)
      #expect(added.status == 0, "\(added.stderr)")
      #expect(added.stderr.contains("1 consent recorded"))
    }
    let file = try dir.write(
      "customers.csv",
      """
      phone,kind,customer_since,ended_on,evidence
      +34612345679,customer_relationship,2025-01-10,,contract 1
      +31612345678,CUSTOMER_RELATIONSHIP,2020-01-10,2023-08-31,contract 2
      +4915112345679,express_consent,2026-01-04,,web form
      +4915112345670,oral_consent,2026-01-04,,call

      """)
    let refused = try ScrubBinary.run(
      ["consent", "import", file, "--date-column", "customer_since", "--expires-column", "ended_on"], in: dir)
    #expect(refused.status == 65)
    #expect(
      refused.stderr.contains(
        "customers.csv:5:2 (kind): unknown kind 'oral_consent' (use written_consent, ebr_purchase, ebr_inquiry, express_consent, customer_relationship)"
      ), "\(refused.stderr)")
    let imported = try ScrubBinary.run(
      [
        "consent", "import", file, "--date-column", "customer_since", "--expires-column", "ended_on",
        "--skip-invalid",
      ], in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("3 consents recorded"), "\(imported.stderr)")

    let list = try ScrubBinary.run(["consent", "list"], in: dir)
    #expect(list.status == 0, "\(list.stderr)")
    let rows = list.stdout.split(separator: "\n").map { String($0) }
    func row(_ number: String) -> String { rows.first { $0.contains(number) } ?? "" }
    #expect(rows.count == 6)
    #expect(
      row("+4915112345678").contains("express_consent") && row("+4915112345678").hasSuffix("call recording"))
    #expect(row("+4915112345678").contains(" active "))
    #expect(row("+34612345678").contains("customer_relationship  2024-05-01  2026-02-28"))
    #expect(row("+34612345678").contains("ended 2026-02-28"))
    #expect(row("+34612345679").contains("customer_relationship") && row("+34612345679").contains(" active "))
    #expect(row("+31612345678").contains("ended 2023-08-31"))
    #expect(row("+4915112345679").contains("express_consent"))
    let json = try ScrubBinary.run(["consent", "list", "+34612345678", "--json"], in: dir)
    let listed = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(listed.count == 1)
    #expect(listed.first?["exempts_from_registries"] as? Bool == false)
    #expect(listed.first?["status"] as? String == "ended 2026-02-28")
    #expect((listed.first?["consent"] as? [String: Any])?["kind"] as? String == "customer_relationship")
  }
}

/// The scrub-time ledger cache must never change an answer: the same scrub computed, then read
/// back from the cache, then recomputed after the ledger moved.
@Suite struct LedgerCacheTests {
  @Test func cachedAndComputedScrubsAgree() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let env = ["SCRUB_LEDGER_CACHE_MIN": "0"]
    func run(_ args: [String]) throws -> ScrubBinary.Result {
      let result = try ScrubBinary.run(args, environment: env, in: dir)
      #expect(result.status == 0, "\(args): \(result.stderr)")
      return result
    }
    _ = try run([
      "registry", "import", "us-ftc", try dir.write("r.txt", "201,2345678\n212,2345678\n"), "--kind",
      "national", "--downloaded-at", "2026-11-20",
    ])
    try dir.write(
      "optouts.csv",
      """
      phone,received_at,channel,campaign
      201-234-0101,2026-11-01,sms,
      201-234-0102,2026-11-02,call,solar
      212XXXXXXX,2026-11-03,agent,
      212-234-0104,2026-11-04,web,

      """)
    _ = try run(["optout", "import", "optouts.csv"])
    _ = try run(["optout", "revoke", "212-234-0104", "--evidence", "form", "--received-at", "2026-11-05"])
    _ = try run([
      "consent", "add", "2012345678", "--kind", "written_consent", "--date", "2026-01-04", "--evidence", "f",
    ])
    try dir.write(
      "leads.csv",
      "id,phone\n1,201-234-0101\n2,201-234-0102\n3,212-234-0103\n4,212-234-0104\n5,201-234-5678\n6,212-234-5678\n7,201-234-0199\n"
    )
    func scrub(_ tag: String, _ extra: [String] = []) throws -> String {
      _ = try run(
        ["clean", "leads.csv", "-o", "\(tag).csv", "--suppressed", "\(tag).sup.csv", "--quiet"] + extra)
      return try String(contentsOfFile: dir.path + "/\(tag).csv", encoding: .utf8)
        + String(contentsOfFile: dir.path + "/\(tag).sup.csv", encoding: .utf8)
    }
    let computed = try scrub("a")
    let cached = try scrub("b")
    #expect(cached == computed)
    #expect(computed.contains("4,212-234-0104,+12122340104,"))  // opted back in beats the wildcard
    #expect(computed.contains("5,201-234-5678,+12012345678,written_consent 2026-01-04"))
    #expect(
      computed.contains(
        "2,201-234-0102,3,phone,internal_dnc,opt-out 2026-11-02 (UTC) via call for campaign:solar"))
    let campaignRun = try scrub("c", ["--campaign", "roofing"])
    #expect(campaignRun.contains("2,201-234-0102,+12012340102,"))
    #expect(try scrub("d", ["--campaign", "roofing"]) == campaignRun)
    let rows = try DatabaseQueue(path: dir.database).read { db in
      try String.fetchAll(
        db, sql: "SELECT campaign || ':' || last_event_id FROM ledger_cache ORDER BY campaign")
    }
    #expect(rows == [":5", "roofing:5"])
    // The ledger moves: the cache at the old position must not answer.
    _ = try run(["optout", "add", "201-234-0199", "--channel", "call"])
    let moved = try scrub("e")
    #expect(
      moved.contains("7,201-234-0199,2,phone,internal_dnc,opt-out 2026-11-22 (UTC) via call")
        || moved.contains(",internal_dnc,opt-out 2026-11-22 (UTC) via call"))
    #expect(!moved.contains("7,201-234-0199,+12012340199"))
  }
}
