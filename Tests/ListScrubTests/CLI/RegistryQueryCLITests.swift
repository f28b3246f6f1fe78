import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `scrub registry query` (issue 17, item 1): the distinct valid numbers of the source's
/// country, read from vendor CSVs as `clean` reads them, in each consultation format, sorted,
/// written atomically and recorded append-only.
@Suite struct RegistryQueryCLITests {
  /// Spanish numbers out of order, written nationally and internationally, with duplicates, an
  /// invalid cell, a French number and an empty cell.
  static let leads = """
    name,phone,mobile
    Ana,612 345 679,+34 612 345 678
    Ben,not a number,
    Cai,+33 6 12 34 56 78,0034612345678
    Dan,+34 612 345 679,

    """

  static let spanish = "+34612345678\n+34612345679\n"

  func query(_ dir: TestDirectory, _ arguments: [String]) throws -> ScrubBinary.Result {
    try ScrubBinary.run(["registry", "query"] + arguments, in: dir)
  }

  @Test func robinsonIsTheDistinctNumbersOfTheCountrySorted() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    let r = try query(
      dir, ["es-robinson", "leads.csv", "--format", "robinson", "--country", "ES", "-o", "q.txt"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try String(contentsOfFile: dir.path + "/q.txt", encoding: .utf8) == Self.spanish)
    let sha = SHA256.hex(of: Array(Self.spanish.utf8))
    #expect(
      r.stderr
        == "es-robinson (ES, robinson, call): 2 numbers written to q.txt, sha256 \(sha); 4 rows read, 1 invalid, 1 of another country, 2 duplicates; recorded as query 1\n"
    )
    // Standard output by default; --phone-column reads only that column.
    let one = try query(
      dir, ["es-robinson", "leads.csv", "--format", "robinson", "--country", "ES", "--phone-column", "phone"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == "+34612345679\n", "\(one.stdout)")
  }

  @Test func severalInputsAndStandardInputMakeOneQuery() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    // Each input has its own header and delimiter; `-` is standard input.
    try dir.write("more.csv", "Telephone;note\n+34 611 111 111;new\n612345679;again\n")
    let r = try ScrubBinary.run(
      ["registry", "query", "es-robinson", "leads.csv", "-", "--format", "robinson", "--country", "ES"],
      stdin: "more.csv", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "+34611111111\n" + Self.spanish, "\(r.stdout)")
    #expect(r.stderr.contains("6 rows read, 1 invalid, 1 of another country, 3 duplicates"), "\(r.stderr)")
  }

  @Test func robinsonHashHoldsNoClearNumber() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    let r = try query(
      dir, ["es-robinson", "leads.csv", "--format", "robinson-hash", "--country", "ES", "-o", "h.txt"])
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: dir.path + "/h.txt", encoding: .utf8)
    #expect(
      text == """
        d9bae9a1964fb8774eed29c0320d9f89ed5def31422bdbaad59bd3ab061b978a
        \(RobinsonHash.hash("+34612345679", channel: .call))

        """)
    for clear in ["612345678", "612345679", "+34", "0034"] {
      #expect(!text.contains(clear))
      #expect(!r.stderr.contains(clear), "\(r.stderr)")
    }
    let sms = try query(
      dir, ["es-robinson", "leads.csv", "--format", "robinson-hash", "--country", "ES", "--channel", "sms"])
    #expect(sms.status == 0, "\(sms.stderr)")
    #expect(sms.stdout.hasPrefix(SHA256.hex(of: Array("030034612345678".utf8)) + "\n"), "\(sms.stdout)")
    #expect(sms.stderr.contains("(ES, robinson-hash, sms)"), "\(sms.stderr)")
    // A channel means nothing to the other formats.
    let refused = try query(dir, ["es-robinson", "leads.csv", "--format", "numbers", "--channel", "sms"])
    #expect(refused.status == 64, "\(refused.stderr)")
  }

  @Test func numbersReadsNationalNumbersInTheSourcesCountry() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("fr.csv", "phone;nom\n06 12 34 56 78;Zoé\n+34612345678;Ana\n+33 6 12 34 56 78;Zoé\n")
    let r = try query(dir, ["fr-bloctel", "fr.csv", "--format", "numbers", "--country", "FR"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "+33612345678\n")
    #expect(r.stderr.contains("1 of another country, 1 duplicate"), "\(r.stderr)")
    // --region reads national numbers in another region: then the French one is not French.
    let gb = try query(
      dir, ["fr-bloctel", "fr.csv", "--format", "numbers", "--country", "FR", "--region", "GB"])
    #expect(gb.status == 0, "\(gb.stderr)")
    #expect(gb.stdout == "+33612345678\n", "\(gb.stdout)")
  }

  @Test func rndGivesEachUSNumberItsLatestConsentInForce() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for (number, kind, date) in [
      ("201-234-5678", "written_consent", "2026-01-04"), ("201-234-5678", "express_consent", "2026-03-04"),
      ("201-234-5679", "ebr_purchase", "2026-03-04"), ("202-234-5670", "written_consent", "2025-03-04"),
    ] {
      let r = try ScrubBinary.run(
        ["consent", "add", number, "--kind", kind, "--date", date, "--evidence", "form", "--quiet"], in: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    try dir.write("us.csv", "phone\n202-234-5670\n201-234-5678\n(201) 234-5679\n+34612345678\n2012345678\n")
    let r = try query(dir, ["us-rnd", "us.csv", "--format", "rnd", "--country", "US", "-o", "rnd.csv"])
    #expect(r.status == 0, "\(r.stderr)")
    // An EBR is no consent to the RND: 201-234-5679 is left out.
    #expect(
      try String(contentsOfFile: dir.path + "/rnd.csv", encoding: .utf8)
        == "phone_number,date\n2012345678,2026-03-04\n2022345670,2025-03-04\n")
    #expect(r.stderr.contains("1 without a consent"), "\(r.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    let record = try #require(try store.consultationQueries().last)
    #expect(record.numbers == 2 && record.format == "rnd" && record.channel == nil)
    #expect(record.numbersSHA256 == SHA256.hex(of: Array("+12012345678\n+12022345670\n".utf8)))
    // The store keeps the numbers and the day asked about for each, to match the answers by.
    #expect(try record.queriedNumbers() == [12_012_345_678, 12_022_345_670])
    #expect(try record.queriedDays() == [CivilDay("2026-03-04")!, CivilDay("2025-03-04")!])
    // The RND is a US database.
    let es = try query(dir, ["es-robinson", "us.csv", "--format", "rnd", "--country", "ES"])
    #expect(es.status == 64, "\(es.stderr)")
  }

  @Test func eachQueryIsRecordedAppendOnly() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    let r = try query(
      dir,
      [
        "es-robinson", "leads.csv", "--format", "robinson-hash", "--country", "ES", "-o", "h.txt", "--by",
        "ana",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let file = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/h.txt"))
    let store = try Store.open(at: dir.database, create: false)
    let records = try store.consultationQueries()
    #expect(records.count == 1)
    let record = try #require(records.first)
    #expect(record.source == "es-robinson" && record.country == "ES" && record.format == "robinson-hash")
    #expect(record.channel == "call" && record.numbers == 2 && record.recordedBy == "ana")
    #expect(record.recordedAt == "2026-11-22T12:00:00Z")
    #expect(record.fileSHA256 == SHA256.hex(of: Array(file)))
    #expect(record.numbersSHA256 == SHA256.hex(of: Array(Self.spanish.utf8)))
    #expect(try record.queriedDays() == nil)
    let kept = try #require(try record.queriedNumbers()).map { "+\($0)\n" }.joined()
    #expect(kept == Self.spanish)
    #expect(r.stderr.contains("sha256 \(record.fileSHA256)"), "\(r.stderr)")
    for sql in ["UPDATE consultation_query SET numbers = 0", "DELETE FROM consultation_query"] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    // A dry run counts and hashes, and writes and records nothing.
    let dry = try query(
      dir,
      [
        "es-robinson", "leads.csv", "--format", "robinson-hash", "--country", "ES", "-o", "d.txt",
        "--dry-run",
      ])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(
      dry.stderr.hasPrefix(
        "dry run: es-robinson (ES, robinson-hash, call): 2 numbers would be written to d.txt, sha256 \(record.fileSHA256)"
      ), "\(dry.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/d.txt"))
    #expect(try store.consultationQueries().count == 1)
    let quiet = try query(
      dir, ["es-robinson", "leads.csv", "--format", "numbers", "--country", "ES", "--quiet"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout == Self.spanish, "\(quiet.stderr)")
    #expect(try store.consultationQueries().count == 2)
  }

  @Test func aSourceNotInTheStoreNeedsCountry() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    try dir.write("q.txt", "the last query\n")
    let r = try query(dir, ["es-robinson", "leads.csv", "--format", "robinson", "-o", "q.txt"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("es-robinson is not in the store yet"), "\(r.stderr)")
    #expect(r.stderr.contains("--country"), "\(r.stderr)")
    #expect(try String(contentsOfFile: dir.path + "/q.txt", encoding: .utf8) == "the last query\n")
    // A source in the store has its country: --country may only agree with it.
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("us.csv", "phone\n201-234-5678\n")
    let stored = try query(dir, ["us-ftc", "us.csv", "--format", "numbers"])
    #expect(stored.status == 0 && stored.stdout == "+12012345678\n", "\(stored.stderr)")
    let other = try query(dir, ["us-ftc", "us.csv", "--format", "numbers", "--country", "ES"])
    #expect(other.status == 64, "\(other.stderr)")
    #expect(other.stderr.contains("us-ftc is a registry for US"), "\(other.stderr)")
  }

  @Test func errorMessagesMaskNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    // No header line: the first row's cells are taken for headers, and none is a phone column.
    try dir.write("bare.csv", "+34612345678,Ana\n+34612345679,Ben\n")
    let r = try query(dir, ["es-robinson", "bare.csv", "--format", "robinson-hash", "--country", "ES"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("no phone column found"), "\(r.stderr)")
    #expect(!r.stderr.contains("612345678"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    let named = try query(
      dir,
      ["es-robinson", "bare.csv", "--format", "robinson-hash", "--country", "ES", "--phone-column", "phone"])
    #expect(named.status == 64, "\(named.stderr)")
    #expect(!named.stderr.contains("612345678"), "\(named.stderr)")
    let shown = try query(
      dir, ["es-robinson", "bare.csv", "--format", "robinson-hash", "--country", "ES", "--show-numbers"])
    #expect(shown.status == 64 && shown.stderr.contains("+34612345678"), "\(shown.stderr)")
  }
}
