import Foundation
import Testing

@testable import ListScrub

/// The run record's counts add up over the `summary-counts` golden case (multi-number rows,
/// duplicates, an opt-out, registry hits, not_covered by area code and by country).
@Suite struct SummaryCountsTests {
  static let report = GoldenTests.root.appendingPathComponent("summary-counts/report.json")

  @Test func rowsAndNumbersAddUp() throws {
    let run = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: Self.report))
    let c = run.counts
    #expect(c.rowsRead == c.rowsKept + c.rowsDropped)
    #expect(c.rowsDroppedByFirstReason.values.reduce(0, +) == c.rowsDropped)
    #expect(c.numbersChecked == c.numbersKept + c.numbersSuppressed)
    #expect(c.numbersByReason.values.reduce(0, +) == c.numbersSuppressed)
    #expect(c.numbersByReason["duplicate"] == 3)
    #expect(c.numbersByReason["internal_dnc"] == 1)
    #expect(c.numbersByReason["registry_dnc"] == 3)
    let notCovered = try #require(c.notCovered)
    #expect(notCovered.areaCodes == ["305": 1, "415": 1, "718": 1])
    #expect(notCovered.countries == ["GB": 1, "LV": 1])
    let byArea = notCovered.areaCodes.values.reduce(0, +)
    let byCountry = notCovered.countries.values.reduce(0, +)
    #expect(byArea + byCountry == 5)
    #expect(notCovered.nextStep.contains("scrub registry import us-ftc FILE..."))
  }

  @Test func theSummaryNestsSourcesUnderRegistryDNC() throws {
    let run = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: Self.report))
    let lines = CleanReport.summary(run, seconds: 0).split(separator: "\n").map(String.init)
    let registry = try #require(lines.firstIndex { $0.hasPrefix("  registry_dnc") && $0.hasSuffix("3") })
    #expect(lines[registry + 1].hasPrefix("    us-ftc"))
    let uncovered = try #require(lines.lastIndex { $0.hasPrefix("  not_covered") })
    #expect(lines[uncovered + 1].hasPrefix("    area code 305"))
    #expect(
      lines.last?.hasPrefix("not_covered, next step: import the us-ftc files for area codes 305, 415, 718")
        == true)
  }

  @Test func oldRecordsDecodeWithDerivedNumbers() throws {
    let old = """
      {"rows_read":3,"rows_kept":1,"rows_dropped":2,"numbers_checked":3,"numbers_kept":1,
       "by_reason":{"missing_phone":1,"duplicate":1,"registry_dnc":1},"by_source":{"us-ftc":1}}
      """
    let c = try JSONDecoder().decode(RunRecord.Counts.self, from: Data(old.utf8))
    #expect(c.numbersSuppressed == 2)
    #expect(c.numbersByReason == ["duplicate": 1, "registry_dnc": 1])
    #expect(c.rowsDroppedByFirstReason.isEmpty)
    #expect(c.notCovered == nil)
  }
}
