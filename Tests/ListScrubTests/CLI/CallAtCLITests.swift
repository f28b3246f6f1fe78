import Foundation
import Testing

@testable import ListScrub

/// `clean --call-at TIME` (issue 16, item 3): numbers outside their calling window at that instant
/// are `outside_hours`, judged in every zone of their prefix; a row keeps its callable numbers;
/// the run record names the instant and the reason.
@Suite struct CallAtCLITests {
  static func prepared() throws -> (TestDirectory, String) {
    let dir = try CheckCountryCLITests.prepared()
    let leads = try dir.write(
      "leads.csv",
      """
      name,phone,mobile
      Ny,212-409-3359,850-432-1234
      Pensacola,850-432-1235,
      Idaho,208-299-1234,
      Phoenix,602-253-1234,

      """)
    return (dir, leads)
  }

  @Test func numbersOutsideTheirWindowAreSuppressedTheStrictestZoneDeciding() throws {
    let (dir, leads) = try Self.prepared()
    defer { dir.remove() }
    // 15:30Z on Thursday 2026-12-03: New York 10:30, Chicago 09:30, Boise 08:30, Los Angeles 07:30,
    // Phoenix 08:30.
    let r = try ScrubBinary.run(
      [
        "clean", leads, "-o", "out.csv", "--allow-uncovered", "--call-at", "2026-12-03T15:30:00Z", "--report",
        "run.json",
      ],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let suppressed = try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8)
    #expect(
      suppressed.contains(
        "Idaho,208-299-1234,,4,phone,outside_hours,\"07:30 America/Los_Angeles, window 08:00-21:00\""),
      "\(suppressed)")
    let kept = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
    for name in ["Ny,", "Pensacola,", "Phoenix,"] { #expect(kept.contains(name), "\(kept)") }
    #expect(!kept.contains("Idaho"))
    let record =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/run.json")))
      as! [String: Any]
    #expect((record["settings"] as? [String: Any])?["call_at"] as? String == "2026-12-03T15:30:00Z")
    #expect((record["rules"] as? [String])?.last == "outside_hours")
  }

  @Test func aRowKeepsItsCallableNumber() throws {
    let (dir, leads) = try Self.prepared()
    defer { dir.remove() }
    // 13:30Z: New York 08:30 may be called, Chicago 07:30 may not.
    let r = try ScrubBinary.run(
      ["clean", leads, "-o", "out.csv", "--allow-uncovered", "--call-at", "2026-12-03T08:30:00-05:00"],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let kept = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
    #expect(kept.contains("Ny,212-409-3359,,+12124093359,"), "\(kept)")
    let suppressed = try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8)
    #expect(
      suppressed.contains("mobile,outside_hours,\"07:30 America/Chicago, window 08:00-21:00\""),
      "\(suppressed)")
    #expect(r.stderr.contains("outside_hours"), "\(r.stderr)")
  }

  @Test func withoutCallAtThereIsNoWindowStageAndANaiveTimeIsRefused() throws {
    let (dir, leads) = try Self.prepared()
    defer { dir.remove() }
    let plain = try ScrubBinary.run(["clean", leads, "--allow-uncovered", "--report", "run.json"], in: dir)
    #expect(plain.status == 0, "\(plain.stderr)")
    let record = try String(contentsOfFile: dir.path + "/run.json", encoding: .utf8)
    #expect(!record.contains("outside_hours") && !record.contains("call_at"))
    for text in ["2026-12-03 15:30", "2026-12-03", "tomorrow"] {
      let r = try ScrubBinary.run(["clean", leads, "--allow-uncovered", "--call-at", text], in: dir)
      #expect(r.status == 64, "\(text): \(r.stderr)")
      #expect(r.stderr.contains("--call-at"), "\(r.stderr)")
    }
  }

  /// `scrub check --at TIME` (issue 16, item 6): the zones, each one's window that day, whether
  /// the call may be placed; `--exit-status` counts it.
  @Test func checkAtShowsEachZonesWindow() throws {
    let (dir, _) = try Self.prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["check", "208-299-1234", "--at", "2026-12-03T15:30:00Z", "--exit-status"], in: dir)
    #expect(r.status == 1, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        """
          hours at 2026-12-03T15:30:00Z (US): MAY NOT BE CALLED
            08:30 America/Boise, window 08:00-21:00
            07:30 America/Los_Angeles, window 08:00-21:00: outside
        """), "\(r.stdout)")
    let json = try ScrubBinary.run(
      ["check", "212-409-3359", "--at", "2026-12-03T10:30:00-05:00", "--json"], in: dir)
    #expect(
      json.stdout.contains("\"allowed\" : true") && json.stdout.contains("America/New_York"), "\(json.stdout)"
    )
    let plain = try ScrubBinary.run(["check", "212-409-3359"], in: dir)
    #expect(!plain.stdout.contains("hours at"))
    let naive = try ScrubBinary.run(["check", "212-409-3359", "--at", "2026-12-03 10:30"], in: dir)
    #expect(
      naive.status == 64 && naive.stderr.contains("--at 2026-12-03 10:30 has no UTC offset"),
      "\(naive.stderr)")
  }

  /// `clean --call-windows` (issue 16, item 4): each kept number's zones and next window, as
  /// UTC instants a dialer can load; from `--call-at` when given.
  @Test func callWindowsAnnotateTheCleanFile() throws {
    let (dir, leads) = try Self.prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["clean", leads, "-o", "out.csv", "--allow-uncovered", "--call-windows"],
      environment: ["SCRUB_NOW": "2026-12-03T12:00:00Z"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    // 850 is Florida's: its window ends at 20:00 Central, 02:00Z, an hour before the federal one.
    let lines = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8).split(separator: "\n")
    #expect(
      lines[0]
        == "name,phone,mobile,phone_e164,mobile_e164,phone_zones,phone_window,mobile_zones,mobile_window,scrub_exemption,scrub_basis"
    )
    #expect(
      lines[1].hasPrefix(
        "Ny,212-409-3359,850-432-1234,+12124093359,+18504321234,America/New_York,2026-12-03T13:00:00Z/2026-12-04T02:00:00Z,America/Chicago,2026-12-03T14:00:00Z/2026-12-04T02:00:00Z,"
      ), "\(lines[1])")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "Idaho,208-299-1234,,+12082991234,,America/Boise America/Los_Angeles,2026-12-03T16:00:00Z/2026-12-04T04:00:00Z,,,"
        )
      })
    // With --call-at, the windows start there, and nothing outside its window is kept.
    let at = try ScrubBinary.run(
      [
        "clean", leads, "-o", "at.csv", "--allow-uncovered", "--call-windows", "--call-at",
        "2026-12-03T16:30:00Z", "--report", "r.json",
      ],
      in: dir)
    #expect(at.status == 0, "\(at.stderr)")
    let kept = try String(contentsOfFile: dir.path + "/at.csv", encoding: .utf8)
    #expect(kept.contains("America/New_York,2026-12-03T16:30:00Z/2026-12-04T02:00:00Z"), "\(kept)")
    let record = try String(contentsOfFile: dir.path + "/r.json", encoding: .utf8)
    #expect(record.contains("\"call_windows_from\" : \"2026-12-03T16:30:00Z\""), "\(record)")
  }

  /// The row's address (issue 16, item 5): a Florida address binds a New York number to Florida's
  /// 20:00, as a Florida number binds a New York address; a value not recognised is a warning.
  @Test func theRowsAddressAndTheNumbersStateBothBind() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    let leads = try dir.write(
      "addr.csv",
      """
      name,phone,St.
      A,212-409-3359,FL
      B,305-234-5678,New York
      C,212-409-3360,Narnia
      D,212-409-3361,
      E,212-409-3362,ON

      """)
    // 01:30Z on 2026-12-04 is 20:30 on 12-03 in New York: federally callable, not in Florida.
    let r = try ScrubBinary.run(
      ["clean", leads, "-o", "out.csv", "--allow-uncovered", "--call-at", "2026-12-04T01:30:00Z"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let suppressed = try String(contentsOfFile: dir.path + "/addr.suppressed.csv", encoding: .utf8)
    #expect(
      suppressed.contains(
        "A,212-409-3359,FL,2,phone,outside_hours,\"20:30 America/New_York, window 08:00-20:00 (US-FL), the row's address US-FL\""
      ), "\(suppressed)")
    #expect(
      suppressed.contains(
        "B,305-234-5678,New York,3,phone,outside_hours,\"20:30 America/New_York, window 08:00-20:00 (US-FL)\""
      ),
      "\(suppressed)")
    let kept = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
    for name in ["C,", "D,", "E,"] { #expect(kept.contains("\n" + name), "\(kept)") }
    #expect(
      r.stderr.contains("scrub: warning: \(leads): 1 number on rows whose state value is neither"),
      "\(r.stderr)")
    // A column that is not there is a usage error.
    let missing = try ScrubBinary.run(
      [
        "clean", leads, "--allow-uncovered", "--call-at", "2026-12-04T01:30:00Z", "--state-column",
        "province",
      ], in: dir)
    #expect(missing.status == 64, "\(missing.stderr)")
  }

  /// "numbers exempt" counts numbers kept on an exemption: one a later stage suppressed (here
  /// the calling window) is not counted.
  @Test func anExemptNumberSuppressedLaterIsNotCountedExempt() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    let consent = try ScrubBinary.run(
      [
        "consent", "add", "201-234-5678", "--kind", "written_consent", "--date", "2026-01-04", "--evidence",
        "form",
      ],
      in: dir)
    #expect(consent.status == 0, "\(consent.stderr)")
    let leads = try dir.write("listed.csv", "name,phone\nAna,201-234-5678\n")
    let inHours = try ScrubBinary.run(
      ["clean", leads, "-o", "a.csv", "--call-at", "2026-12-03T15:00:00Z", "--report", "a.json"], in: dir)
    #expect(inHours.status == 0 && inHours.stderr.contains("numbers exempt"), "\(inHours.stderr)")
    let early = try ScrubBinary.run(
      ["clean", leads, "-o", "b.csv", "--call-at", "2026-12-03T11:00:00Z", "--report", "b.json"], in: dir)
    #expect(early.status == 0, "\(early.stderr)")
    #expect(!early.stderr.contains("numbers exempt"), "\(early.stderr)")
    let record = try String(contentsOfFile: dir.path + "/b.json", encoding: .utf8)
    #expect(record.contains("\"exempt\" : {\n\n    }") || record.contains("\"exempt\" : {}"), "\(record)")
  }
}
