import Foundation
import Testing

@testable import ListScrub

/// `scrub phone --type` and `clean --where phone_type` (issue 18, item 5), on numbers whose types
/// phonenumbers 9.0.43 gave in `Fixtures/phone/engine-agreement.tsv`.
@Suite struct PhoneTypeCLITests {
  /// The corpus's first valid number of each type outside the NANP: (region, input, E.164, type).
  static let samples: [(String, String, String, String)] = {
    var seen = Set<String>()
    var picked: [(String, String, String, String)] = []
    for row in PhoneEngineAgreementTests.rows
    where row.expected.count == 5 && row.expected[2] == "1" && row.expected[4] == "-"
      && !row.expected[0].hasPrefix("+1") && !row.input.contains("\t")
      && !row.input.contains("\n") && seen.insert(row.expected[3]).inserted
    {
      picked.append((row.region, row.input, row.expected[0], row.expected[3]))
    }
    return picked
  }()

  @Test func typePrintsPhonenumbersTypeAfterATab() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    #expect(Self.samples.count >= 10, "\(Self.samples.map(\.3))")
    try dir.write("numbers.txt", Self.samples.map { "\($0.1)\t\($0.0)\n" }.joined() + "call me\n")
    let r = try ScrubBinary.run(["phone", "--type"], stdin: "numbers.txt", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let expected = Self.samples.map { "\($0.2)\t\($0.3)\n" }.joined() + "invalid:not_a_number\t-\n"
    #expect(r.stdout == expected)
  }

  @Test func typeOnArgumentsAndUSNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["phone", "--type", "201-234-5678", "+1 800 555 1212", "201-555-0123", "+44 7400 123456"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == """
        +12012345678\tfixed_line_or_mobile
        +18005551212\ttoll_free
        invalid:fictional\tfixed_line_or_mobile
        +447400123456\tmobile

        """)
  }

  /// Each number of a row is judged on its own: the ones that fail are blanked and listed, the
  /// row goes only when none is left; a cell that is not a number keeps its own reason.
  @Test func whereOnPhoneTypeJudgesEachNumber() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write(
      "leads.csv",
      """
      name,phone,phone2
      A,201-234-5679,+1 800 555 1212
      B,+1 888 555 1212,
      C,hello,201-222-3333

      """)
    let r = try ScrubBinary.run(
      [
        "clean", "leads.csv", "-o", "out.csv", "--where", "phone_type != toll_free",
        "--report", "report.json", "--quiet",
      ], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let clean = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
    #expect(
      clean == """
        name,phone,phone2,phone_e164,phone2_e164,scrub_exemption,scrub_basis
        A,201-234-5679,,+12012345679,,,checked against us-ftc snapshot 2026-11-20
        C,,201-222-3333,,+12012223333,,checked against us-ftc snapshot 2026-11-20

        """)
    let suppressed = try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8)
    #expect(
      suppressed == """
        name,phone,phone2,scrub_line,scrub_column,scrub_reason,scrub_detail
        A,201-234-5679,+1 800 555 1212,2,phone2,filtered,phone_type != toll_free is false (phone_type: toll_free)
        B,+1 888 555 1212,,3,phone,filtered,phone_type != toll_free is false (phone_type: toll_free)
        C,hello,201-222-3333,4,phone,invalid_phone,not_a_number

        """)
    let report = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/report.json")))
        as? [String: Any])
    let counts = try #require(report["counts"] as? [String: Any])
    #expect(counts["rows_kept"] as? Int == 2)
    #expect(counts["rows_dropped"] as? Int == 1)
    #expect((counts["rows_dropped_by_first_reason"] as? [String: Int]) == ["filtered": 1])
    #expect(counts["numbers_kept"] as? Int == 2)
  }

  @Test func aBadTypeExits64WithTheTypes() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "--where", "phone_type = cell"], in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains("'cell' is not a phone type (fixed_line, mobile, fixed_line_or_mobile"))
  }
}
