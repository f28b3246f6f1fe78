import Foundation
import Testing

@testable import ListScrub

/// `PhoneZones` against phonenumbers 9.0.43's `time_zones_for_geographical_number`, on the
/// numbers `scripts/gen-zone-table.py` wrote to `Fixtures/phone/zones.tsv` (the issue's cases, a
/// sample of NANP exchanges, random valid numbers of every region), and by hand.
@Suite struct PhoneZoneTests {
  static let fixture: [(e164: Int64, zones: String)] = PhoneOracleCase.fixture("zones.tsv")
    .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      return (Int64(cells[0])!, cells.count > 2 ? String(cells[2]) : "")
    }

  @Test func everyFixtureNumberGetsPhonenumbersZones() {
    #expect(Self.fixture.count > 2000)
    var wrong: [String] = []
    for (e164, expected) in Self.fixture {
      let zones = PhoneZones.shared.zones(of: e164).joined(separator: ",")
      if zones != expected { wrong.append("+\(e164): \(zones), phonenumbers \(expected)") }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }

  @Test(arguments: [
    (18_504_321_234, "America/Chicago"),  // 850-432: Pensacola, in Florida's Central panhandle
    (18_502_221_234, "America/New_York"),  // 850-222: Tallahassee
    (12_125_551_234, "America/New_York"),
    (16_022_531_234, "America/Phoenix"),  // Arizona: no daylight saving time
    (18_085_551_234, "Pacific/Honolulu"),
    (34_612_345_678, "Europe/Madrid"),
    (442_079_460_958, "Europe/London"),
  ])
  func knownNumbers(e164: Int64, zone: String) {
    #expect(PhoneZones.shared.zones(of: e164) == [zone])
  }

  @Test func anAreaCodeTheDataCannotSplitKeepsBothZones() {
    // Some exchanges of 208 (Idaho) are listed in two zones; the strictest window will count.
    let idaho = PhoneZones.shared.zones(of: 12_082_991_234)
    #expect(idaho.count == 2 && idaho.contains("America/Boise"), "\(idaho)")
    #expect(PhoneZones.shared.zones(of: 99_999) == [])
    #expect(PhoneZones.sourceVersion == "phonenumbers 9.0.43")
  }
}
