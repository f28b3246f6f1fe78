import Foundation
import Testing

@testable import ListScrub

/// `optout void`, `consent revoke`, `consent void` and `--dry-run` from the command line: what a
/// user who recorded something wrong types, and what history, check and the audit then show.
@Suite struct LedgerCorrectionCLITests {
  static func run(_ args: [String], _ dir: TestDirectory, status: Int32 = 0) throws -> ScrubBinary.Result {
    let result = try ScrubBinary.run(args, environment: ["SCRUB_USER": "ana"], in: dir)
    #expect(result.status == status, "\(args): \(result.stderr)")
    return result
  }

  @Test func anOptOutRecordedInErrorIsVoidedNotRevoked() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    _ = try Self.run(
      ["optout", "add", "201-748-0123", "--channel", "call", "--received-at", "2026-11-20"], dir)
    // No --why: a usage error, nothing recorded.
    let bare = try Self.run(["optout", "void", "201-748-0123"], dir, status: 64)
    #expect(bare.stderr.contains("--why"), "\(bare.stderr)")
    let dry = try Self.run(
      ["optout", "void", "201-748-0123", "--why", "typed 0123 for 0132", "--dry-run"], dir)
    #expect(
      dry.stderr.contains("dry run: would have voided 1 opt-out event (1); nothing was written"),
      "\(dry.stderr)")
    let check = try Self.run(["check", "201-748-0123"], dir)
    #expect(check.stdout.contains("OPTED OUT"), "\(check.stdout)")
    let void = try Self.run(["optout", "void", "201-748-0123", "--why", "typed 0123 for 0132"], dir)
    #expect(void.stderr.contains("ledger batch 2: voided 1 opt-out event (1)"), "\(void.stderr)")
    let after = try Self.run(["check", "201-748-0123"], dir)
    #expect(!after.stdout.contains("OPTED OUT"), "\(after.stdout)")
    #expect(
      after.stdout.contains("voided 2026-11-22 by ana: typed 0123 for 0132 (does not count)"),
      "\(after.stdout)")
    let history = try Self.run(["optout", "history", "201-748-0123"], dir)
    #expect(history.stdout.contains("CORRECTION") && history.stdout.contains("voided 2026-11-22 by ana"))
    #expect(!history.stdout.contains("opt_in"), "a void is not an opt-back-in")
    let json = try Self.run(["optout", "history", "201-748-0123", "--json"], dir)
    #expect(json.stdout.contains("\"voided\""), "\(json.stdout)")
    let audit = try Self.run(["audit", "optouts", "--from", "2026-11-01", "--to", "2026-11-30"], dir)
    #expect(audit.stdout.contains("0 requests and 1 voided as recorded in error"), "\(audit.stdout)")
    // Again: nothing left to void (65), and the number is masked.
    let again = try Self.run(["optout", "void", "201-748-0123", "--why", "again"], dir, status: 65)
    #expect(
      again.stderr.contains("no opt-out to void") && !again.stderr.contains("7480123"), "\(again.stderr)")
    let verify = try Self.run(["db", "verify"], dir)
    #expect(verify.status == 0)
  }

  @Test func aConsentEndsByRevokeAndAWrongOneIsVoided() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    _ = try Self.run(
      [
        "consent", "add", "201-748-0123", "--kind", "written_consent", "--date", "2026-01-04", "--evidence",
        "form",
      ], dir)
    _ = try Self.run(
      [
        "consent", "add", "201-748-0124", "--kind", "written_consent", "--date", "2026-10-04", "--evidence",
        "form",
      ], dir)
    let revoke = try Self.run(
      [
        "consent", "revoke", "201-748-0123", "--why", "withdrew by email", "--received-at",
        "2026-11-21T15:00:00Z",
      ], dir)
    #expect(revoke.stderr.contains("revoked 1 consent (1)"), "\(revoke.stderr)")
    let void = try Self.run(
      ["consent", "void", "201-748-0124", "--id", "2", "--why", "typed 2026-10 for 2025-10"], dir)
    #expect(void.stderr.contains("voided 1 consent (2)"), "\(void.stderr)")
    let list = try Self.run(["consent", "list"], dir)
    #expect(
      list.stdout.contains("revoked 2026-11-21") && list.stdout.contains("voided 2026-11-22"),
      "\(list.stdout)")
    #expect(!list.stdout.contains("active"), "\(list.stdout)")
    // An id that is not the number's: refused, nothing recorded.
    let wrong = try Self.run(["consent", "void", "201-748-0123", "--id", "2", "--why", "x"], dir, status: 65)
    #expect(wrong.stderr.contains("nothing was recorded"), "\(wrong.stderr)")
  }

  @Test func dryRunsRecordNothingAndCreateNoDatabase() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let add = try Self.run(["optout", "add", "201-748-0123", "--dry-run"], dir)
    #expect(add.stderr.contains("dry run: 1 opt-out would be recorded"), "\(add.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.database), "a dry run created the database")
    let dnc = try dir.write("dnc.csv", "phone,date\n2017480123,2026-11-20\n")
    let dryImport = try Self.run(["optout", "import", dnc, "--timezone", "UTC", "--dry-run"], dir)
    #expect(dryImport.stderr.contains("would be recorded"), "\(dryImport.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.database))
    _ = try Self.run(["optout", "import", dnc, "--timezone", "UTC"], dir)
    let dnc2 = try dir.write("dnc2.csv", "phone,date\n2017480123,2026-11-20\n\n")
    // A file whose every request is in the ledger adds no empty batch.
    let again = try Self.run(["optout", "import", dnc2, "--timezone", "UTC"], dir)
    #expect(
      again.stderr.contains("nothing new: 1 opt-out already in the ledger; no batch recorded"),
      "\(again.stderr)")
    let consent = try Self.run(
      [
        "consent", "add", "201-748-0123", "--kind", "written_consent", "--date", "2026-01-04", "--evidence",
        "f",
        "--dry-run",
      ], dir)
    #expect(consent.stderr.contains("dry run: 1 consent would be recorded"), "\(consent.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    #expect(try store.ledgerPosition() == LedgerPosition(lastEventID: 1, lastBatchID: 1))
  }

  /// A scrub's ledger cache (`LedgerCache`, keyed by the ledger position) is not reused after a
  /// void: the next scrub sees the correction.
  @Test func aVoidReachesTheNextScrubThroughTheLedgerCache() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    let env = ["SCRUB_LEDGER_CACHE_MIN": "1", "SCRUB_USER": "ana"]
    let leads = try dir.write("leads.csv", "name,phone\nAna,201-222-3333\nBen,201-222-4444\n")
    _ = try Self.run(["optout", "add", "201-222-3333", "--received-at", "2026-11-20"], dir)
    func kept() throws -> String {
      let r = try ScrubBinary.run(["clean", leads, "--no-suppressed"], environment: env, in: dir)
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout
    }
    #expect(try !kept().contains("Ana"))
    #expect(try !kept().contains("Ana"), "the cached ledger gives the same answer")
    _ = try Self.run(["optout", "void", "201-222-3333", "--why", "wrong number"], dir)
    #expect(try kept().contains("Ana"))
    let cache = try Store.open(at: dir.database, create: false).queue.read { db in
      try Int64.fetchOne(db, sql: "SELECT max(last_correction_id) FROM ledger_cache")
    }
    #expect(cache == 1)
  }
}
