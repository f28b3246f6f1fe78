import Foundation
import Testing

/// Domain values are read by their argument types while the command line is parsed, with the
/// library's rules: a refused value is a usage error (64) in the tool's own words, as an error
/// from a command's run is, and nothing runs.
@Suite struct ArgumentRefusalCLITests {
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(
      arguments: ["optout", "add", "2012223333", "--scope", "team a"],
      stderr: """
        scrub: error: --scope team a is not a scope
          hint: use global or campaign:NAME (letters, digits, '.', '_', '-')

        """),
    Case(
      arguments: ["consent", "add", "2012223333", "--scope", "campaign:", "--kind", "written_consent"],
      stderr: """
        scrub: error: --scope campaign: is not a scope
          hint: use global or campaign:NAME (letters, digits, '.', '_', '-')

        """),
    Case(
      arguments: ["optout", "import", "optouts.csv", "--scope=everyone"],
      stderr: """
        scrub: error: --scope everyone is not a scope
          hint: use global or campaign:NAME (letters, digits, '.', '_', '-')

        """),
    Case(
      arguments: ["optout", "revoke", "2012223333", "--channel", "fax", "--evidence", "form"],
      stderr: """
        scrub: error: --channel fax is not a channel
          hint: use one of call, sms, email, web, mail, agent, import

        """),
    Case(
      arguments: ["optout", "import", "optouts.csv", "--channel", "phone"],
      stderr: """
        scrub: error: --channel phone is not a channel
          hint: use one of call, sms, email, web, mail, agent, import

        """),
    Case(
      arguments: ["optout", "add", "2012223333", "--timezone", "America/New_Yrok"],
      stderr: """
        scrub: error: --timezone America/New_Yrok is not a time zone
          hint: did you mean --timezone America/New_York? (names like America/New_York, America/Chicago, America/Denver, America/Los_Angeles or UTC)

        """),
    Case(
      arguments: ["consent", "import", "optouts.csv", "--timezone", "UTC+5"],
      stderr: """
        scrub: error: --timezone UTC+5 is an offset, not a time zone name
          hint: use an IANA time zone name (America/New_York, America/Chicago, America/Denver, America/Los_Angeles or UTC), or write the offset in the times themselves (2026-05-02T14:03:00+05:00)

        """),
    Case(
      arguments: ["registry", "import", "us-ftc", "registry.txt", "--area-codes", "201, 2O2"],
      stderr: """
        scrub: error: --area-codes: ' 2O2' is not a number
          hint: give codes like 201,202,646

        """),
    Case(
      arguments: ["phone", "--region", "uk", "2012223333"],
      stderr: """
        scrub: error: --region uk is not a region code libphonenumber knows
          hint: the United Kingdom's code is GB

        """),
  ]

  @Test(arguments: cases)
  func aRefusedValueIsAUsageErrorInTheToolsWords(_ c: Case) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("optouts.csv", "phone,received_at\n2012223333,2026-11-20\n")
    try dir.write("registry.txt", "201,2345678\n")
    let r = try ScrubBinary.run(c.arguments, in: dir)
    #expect(r.status == 64)
    #expect(r.stderr == c.stderr)
    #expect(r.stdout.isEmpty)
    // Refused while parsing: no command ran, so not even the database was created.
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  /// The value types read what the old hand-parsing read: a channel in any case, a region in any
  /// case, names of sources with spaces around them.
  @Test func acceptedValuesReachTheCommand() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let add = try ScrubBinary.run(
      [
        "optout", "add", "2012223333", "--channel", "SMS", "--scope", "campaign:solar-q4", "--timezone",
        "America/New_York", "--received-at", "2026-11-20 21:30",
      ],
      in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    let history = try ScrubBinary.run(
      ["optout", "history", "2012223333", "--region", "us", "--json"], in: dir)
    #expect(history.status == 0, "\(history.stderr)")
    #expect(history.stdout.contains(#""channel" : "sms""#), "\(history.stdout)")
    #expect(history.stdout.contains(#""scope" : "campaign:solar-q4""#), "\(history.stdout)")
    #expect(history.stdout.contains(#""time_zone" : "America/New_York""#), "\(history.stdout)")
    #expect(history.stdout.contains(#""received_at" : "2026-11-21T02:30:00Z""#), "\(history.stdout)")

    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,2012345678\nB,2012223334\n")
    let clean = try ScrubBinary.run(["clean", "leads.csv", "--sources", " us-ftc ,", "--quiet"], in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(
      clean.stdout
        == "name,phone,phone_e164,scrub_exemption,scrub_basis\nB,2012223334,+12012223334,,checked against us-ftc snapshot 2026-11-20\n",
      "\(clean.stdout)"
    )
    let unknown = try ScrubBinary.run(["clean", "leads.csv", "--sources", "us-ftc,tx-dnc"], in: dir)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("tx-dnc"), "\(unknown.stderr)")
  }

  /// A value ArgumentParser reads itself (a number, a delimiter) is refused in its words, but in
  /// the tool's format (`ErrorStyleCLITests`).
  @Test func otherParseErrorsKeepArgumentParsersWords() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv", "--ebr-purchase-months", "soon"], in: dir)
    #expect(r.status == 64)
    #expect(
      r.stderr.hasPrefix(
        "scrub: error: the value 'soon' is invalid for '--ebr-purchase-months <ebr-purchase-months>'\n"),
      "\(r.stderr)")
  }
}
