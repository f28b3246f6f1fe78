import Foundation
import GRDB
import Testing

@testable import ListScrub

/// A corrected download date as the audit trail shows it: each correction in the registry's
/// history, in the record of every run that used the date, and checked by `db verify`.
@Suite struct SnapshotCorrectionAuditCLITests {
  /// A guessed import (the file's time, 2026-11-21), then two corrections.
  func corrected(runBefore: Bool = false) throws -> TestDirectory {
    let dir = try TestDirectory()
    let file = try dir.write("201.txt", "201,2345678\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2026-11-21T09:00:00Z")!], ofItemAtPath: file)
    let imported = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "201.txt", "--kind", "national"], in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\n")
    if runBefore {
      let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "guessed.csv", "--quiet"], in: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    for (date, why, by) in [("2026-11-10", "FTC receipt", "ana"), ("2026-11-12", "second look", "bo")] {
      let c = try ScrubBinary.run(
        ["registry", "correct", "us-ftc", "1", "--downloaded-at", date, "--why", why, "--by", by], in: dir)
      #expect(c.status == 0, "\(c.stderr)")
    }
    return dir
  }

  @Test func historyListsEachCorrection() throws {
    let dir = try corrected()
    defer { dir.remove() }
    let history = try ScrubBinary.run(["registry", "history", "us-ftc"], in: dir)
    #expect(history.status == 0, "\(history.stderr)")
    #expect(
      history.stdout.hasSuffix(
        """

        download dates corrected (append-only; a snapshot's latest correction is its date):
        CORRECTION  SNAPSHOT  FROM                  TO          RECORDED              BY   WHY
        1           1         2026-11-21 (guessed)  2026-11-10  2026-11-22T12:00:00Z  ana  FTC receipt
        2           1         2026-11-10            2026-11-12  2026-11-22T12:00:00Z  bo   second look

        """), "\(history.stdout)")
    let json = try ScrubBinary.run(["registry", "history", "us-ftc", "--json"], in: dir)
    #expect(json.status == 0)
    let snapshots = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    let corrections = snapshots?.first?["corrections"] as? [[String: Any]]
    #expect(corrections?.map { $0["why"] as? String } == ["FTC receipt", "second look"])
    #expect(corrections?.map { $0["recorded_by"] as? String } == ["ana", "bo"])
  }

  @Test func aRunRecordsWhetherItsDateWasGuessedOrCorrected() throws {
    let dir = try corrected(runBefore: true)
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let list = try ScrubBinary.run(["audit", "runs", "--json"], in: dir)
    let runs = try JSONDecoder().decode([RunRecord].self, from: Data(list.stdout.utf8))
    #expect(runs.count == 2)
    // Run 1 used the guess; run 2 the latest correction.
    #expect(runs[1].sources[0].downloadedAtGuessed == true)
    #expect(runs[1].sources[0].dateCorrection == nil)
    let used = try #require(runs[0].sources[0].dateCorrection)
    #expect(runs[0].sources[0].downloadedAtGuessed == nil)
    #expect(runs[0].sources[0].downloadedAt == "2026-11-12T00:00:00Z")
    #expect(used.id == 2)
    #expect(used.importedDownloadedAt == "2026-11-21T09:00:00Z")
    #expect(used.importedGuessed)
    #expect(used.recordedBy == "bo")
    #expect(used.why == "second look")
    let table = try ScrubBinary.run(["audit", "runs"], in: dir)
    #expect(table.stdout.contains("us-ftc@2026-11-12 (corrected)\n"), "\(table.stdout)")
    #expect(table.stdout.contains("us-ftc@2026-11-21 (guessed)\n"), "\(table.stdout)")
    let show = try ScrubBinary.run(["audit", "show", "2"], in: dir)
    #expect(show.stdout.contains("2026-11-12T00:00:00Z (corrected)"), "\(show.stdout)")
    #expect(
      show.stdout.contains(
        "  us-ftc date: imported as 2026-11-21 (guessed); set by correction 2, recorded by bo at 2026-11-22T12:00:00Z: second look\n"
      ), "\(show.stdout)")
  }

  @Test func verifyChecksTheCorrectionChain() throws {
    let dir = try corrected()
    defer { dir.remove() }
    let ok = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    // A forged correction: the table takes inserts, but its "date before" breaks the chain.
    let store = try Store.open(at: dir.database, create: false)
    try store.queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO snapshot_correction (snapshot_id, downloaded_at, previous_downloaded_at,
            recorded_at, recorded_by, why, tool_version) VALUES (1, ?, ?, ?, 'eve', 'x', '0')
          """, arguments: ["2026-11-15T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-22T12:00:00Z"])
    }
    let bad = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(bad.status == 65)
    #expect(
      bad.stdout.contains(
        "problem: us-ftc: correction 3 of snapshot 1 says the date before it was 2026-11-01T00:00:00Z, but it was 2026-11-12T00:00:00Z (the previous correction's)"
      ), "\(bad.stdout)")
  }
}
