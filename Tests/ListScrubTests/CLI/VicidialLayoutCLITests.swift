import Foundation
import Testing

@testable import ListScrub

/// `clean --layout vicidial` as a user runs it: the bytes of the file, its refusals.
@Suite struct VicidialLayoutCLITests {
  static let leads = #"""
    Lead ID,First Name,Last Name,Phone,Cell,Address,City,State,Zip,Email,Notes,alt_phone
    77,Ana,"Li|u",201-222-8888,201-222-9999,"1 Main St, Apt 2",Newark,NJ,07102,a@x.com,"say ""hi""",201-234-5678
    78,Bo,Ng,201-234-5678,201-222-7777,,Trenton,NJ,08601,,,
    79,Cy,Oh,201-234-5678,,,,,,,,

    """#

  @Test func theCleanFileIsTheStandardLeadFormat() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    let r = try ScrubBinary.run(
      [
        "clean", "leads.csv", "-o", "leads.txt", "--layout", "vicidial", "--phone-column", "Phone",
        "--phone-column", "Cell", "--report", "run.json", "--quiet",
      ],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    // No header line; Bo's Phone is listed, so his Cell is his phone_number; Cy has none left.
    // The input's alt_phone column (an unscrubbed, listed number) is never copied.
    #expect(
      try String(contentsOfFile: dir.path + "/leads.txt", encoding: .utf8) == """
        77|||1|2012228888||Ana||Li u|1 Main St, Apt 2|||Newark|NJ||07102||||2012229999|a@x.com||say hi
        78|||1|2012227777||Bo||Ng||||Trenton|NJ||08601|||||||

        """)
    let suppressed = try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8)
    #expect(suppressed.split(separator: "\n").count == 3, "\(suppressed)")
    let record = try JSONDecoder().decode(
      RunRecord.self, from: Data(contentsOf: dir.url.appendingPathComponent("run.json")))
    #expect(record.settings.layout == "vicidial" && record.clean.rows == 2)

    // Its file has no header to scrub again.
    let again = try ScrubBinary.run(["rescrub", "1", "leads.txt", "-o", "re.txt"], in: dir)
    #expect(again.status == 65)
    #expect(again.stderr.contains("run 1 wrote its clean file in the vicidial layout"), "\(again.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/re.txt"))
  }

  @Test(arguments: [["--call-windows"], ["--neutralize-formulas"], ["--layout", "fixed"]])
  func whatTheLayoutCannotHoldIsAUsageError(extra: [String]) throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", Self.leads)
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "leads.txt", "--layout", "vicidial", "--quiet"] + extra, in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/leads.txt"))
  }

  @Test func csvStaysTheDefault() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nAna,201-222-3333\n")
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--quiet", "--report", "run.json"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8).hasPrefix("name,phone,phone_e164,"))
    #expect(try !String(contentsOfFile: dir.path + "/run.json", encoding: .utf8).contains("\"layout\""))
  }
}
