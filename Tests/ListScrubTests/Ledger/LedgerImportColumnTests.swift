import Foundation
import Testing

@testable import ListScrub

/// The ledger imports find their columns as `--where` and `--phone-column` do (``HeaderResolver``):
/// a name or a role that points to no header, or to several, refuses the file with exit 64 and the
/// columns named, instead of taking the first match. Nothing is written when it does.
@Suite struct LedgerImportColumnTests {
  enum Kind { case optOuts, consents }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var kind = Kind.optOuts
    var csv: String
    var configure: @Sendable (inout LedgerImportOptions) -> Void = { _ in }
    /// The message after `FILE: ` and the hint.
    var message: UserText
    var hint: UserText
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a named column that matches no header gets the nearest names",
      csv: "phone,recieved_at,channel\n201-555-0123,2026-11-20,sms\n",
      configure: { $0.receivedAtColumn = "received_at" },
      message: "no column named 'received_at'; the header has: phone, recieved_at, channel",
      hint: "did you mean recieved_at? pass \(option: .receivedAtColumn) with one of those names"),
    Case(
      name: "an unknown consent column, with no header near it",
      kind: .consents,
      csv: "phone,kind,date,evidence\n201-555-0123,ebr_purchase,2026-11-01,order 7\n",
      configure: { $0.expiresColumn = "valid_until" },
      message: "no column named 'valid_until'; the header has: phone, kind, date, evidence",
      hint: "pass \(option: .expiresColumn) with one of those names"),
    Case(
      name: "a named column that matches two headers",
      csv: "Phone Number,date,phone_number\n201-555-0123,2026-11-20,212-555-0199\n",
      configure: { $0.numberColumn = "PHONE-NUMBER" },
      message:
        "\(option: .column) PHONE-NUMBER is ambiguous: it matches columns 1 (Phone Number) and 3 (phone_number)",
      hint: "give the exact header of one of them"),
    Case(
      name: "a named column the header repeats",
      csv: "phone,note,date,note\n201-555-0123,a,2026-11-20,b\n",
      configure: { $0.noteColumn = "note" },
      message: "\(option: .noteColumn) note is ambiguous: the header names columns 2 (note) and 4 (note)",
      hint: "rename the copies in the file so each column has its own name"),
    Case(
      name: "two received-at columns",
      csv: "phone,date,request_date\n201-555-0123,2026-11-20,2026-11-19\n",
      message: "columns 2 (date) and 3 (request_date) could each be the received-at column",
      hint: "pick one with \(option: .receivedAtColumn) NAME"),
    Case(
      name: "two scope columns",
      csv: "phone,date,scope,campaign\n201-555-0123,2026-11-20,global,spring\n",
      message: "columns 3 (scope) and 4 (campaign) could each be the scope column",
      hint: "pick one with \(option: .scopeColumn) NAME"),
    Case(
      name: "two evidence columns in a consent file",
      kind: .consents,
      csv: "phone,kind,date,proof,note\n201-555-0123,ebr_purchase,2026-11-01,order 7,called\n",
      message: "columns 4 (proof) and 5 (note) could each be the evidence column",
      hint: "pick one with \(option: .evidenceColumn) NAME"),
    Case(
      name: "two phone columns, as clean detects them",
      csv: "phone,date,mobile\n201-555-0123,2026-11-20,212-555-0199\n",
      message: "columns 1 (phone) and 3 (mobile) could each be the phone column",
      hint: "pick one with \(option: .column) NAME"),
    Case(
      name: "two phone columns with the same name, which clean refuses too",
      kind: .consents,
      csv: "phone,kind,date,evidence,phone\n201-555-0123,ebr_purchase,2026-11-01,x,212-555-0199\n",
      message: "columns 1 (phone) and 5 (phone) could each be the phone column",
      hint:
        "rename the copies in the file so each column has its own name, then pick one with \(option: .column) NAME"
    ),
    Case(
      name: "a header that looks like a number is masked",
      csv: "phone,2015550123,date\n201-555-0123,x,2026-11-20\n",
      configure: { $0.channelColumn = "201555" },
      message: "no column named '201555'; the header has: phone, ******0123, date",
      hint: "did you mean ******0123? pass \(option: .channelColumn) with one of those names"),
  ]

  @Test(arguments: cases)
  func refusesWithTheColumnsNamed(_ c: Case) throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("in.csv", c.csv)
    var options = LedgerImportOptions(path: file, recordedBy: "t")
    c.configure(&options)
    let importer = LedgerStoreTests.importer(f)
    let error = #expect(throws: ScrubError.self) {
      switch c.kind {
      case .optOuts: _ = try importer.importOptOuts(options)
      case .consents: _ = try importer.importConsents(options)
      }
    }
    #expect(error == .usage("\(file): \(c.message)", hint: c.hint))
    #expect(error?.exitStatus == .usage)
    #expect(try f.store.ledgerPosition() == LedgerPosition())
  }

  /// What each refusal above would have guessed is what a name picks: exact spellings, a key that
  /// one header matches, and an option naming one of two candidates.
  @Test func aNameOrTheOneCandidatePicksTheColumn() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write(
      "in.csv",
      "Phone Number,date,phone_number,request_date\n201-555-0123,2026-11-20,212-555-0199,2026-11-19\n")
    var options = LedgerImportOptions(path: file, recordedBy: "t")
    options.numberColumn = "phone_number"
    options.receivedAtColumn = "Request Date"
    let summary = try LedgerStoreTests.importer(f).importOptOuts(options)
    #expect(summary.write.batch?.recorded == 1)
    let event = try #require(try f.store.optOutHistory(.number(12_125_550_199)).first)
    #expect(event.receivedAt == "2026-11-19T00:00:00Z")
    #expect(try f.store.optOutHistory(.number(12_015_550_123)).isEmpty)
  }

  /// `--received-at` makes the column unneeded, so two date-like columns are not looked for.
  @Test func receivedAtForTheFileSkipsDetection() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("in.csv", "phone,date,request_date\n201-555-0123,x,y\n")
    var options = LedgerImportOptions(path: file, recordedBy: "t")
    options.receivedAt = LedgerStoreTests.at("2026-11-19")
    let summary = try LedgerStoreTests.importer(f).importOptOuts(options)
    #expect(summary.write.batch?.recorded == 1)
  }
}
