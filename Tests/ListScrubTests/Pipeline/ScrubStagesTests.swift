import Foundation
import Testing

@testable import ListScrub

/// The stage list is the one statement of the scrub's order: the reasons, the run record's
/// rules, the help text and the suppressed file's order within a row all follow it.
@Suite struct ScrubStagesTests {
  @Test func everyReasonBelongsToExactlyOneStageInDeclaredOrder() {
    #expect(ScrubStages.reasons == SuppressionReason.allCases)
    #expect(Set(ScrubStages.reasons).count == ScrubStages.reasons.count)
  }

  @Test func reasonIndicesFollowTheStageOrder() {
    for (i, reason) in ScrubStages.reasons.enumerated() {
      #expect(reason.index == i)
    }
  }

  @Test func rowStagesComeBeforeNumberStages() {
    let kinds = ScrubStages.order.map { entry -> Int in
      if case .row = entry { return 0 }
      return 1
    }
    #expect(kinds == kinds.sorted())
    #expect(Set(ScrubStages.order.map { $0.stage.name }).count == ScrubStages.order.count)
  }

  @Test func theRunRecordAndTheHelpListTheStagesInOrder() {
    #expect(CleanPipeline.rules == ScrubStages.reasons.map(\.rawValue))
    let help = CleanPipeline.stageList
    var at = help.startIndex
    for entry in ScrubStages.order {
      let found = try? #require(help.range(of: entry.stage.help, range: at..<help.endIndex))
      #expect(found != nil, "\(entry.stage.name) missing from the help list")
      if let found { at = found.upperBound }
    }
    for reason in SuppressionReason.allCases { #expect(help.contains(reason.rawValue)) }
  }

  /// Two numbers of one row removed by two number stages: the suppressed lines follow the stage
  /// order (the ledger's `internal_dnc` before `registry_dnc`), not the column order.
  @Test func aRowsSuppressedLinesFollowTheStageOrder() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("r.txt", "201,9271124\n")], downloadedAt: "2026-11-17")
    _ = try f.store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(12_012_345_600), receivedAt: RequestTime.seconds("2026-11-02")!, channel: .call)
      ],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "test"), now: f.clock, toolVersion: "test")
    let leads = try f.dir.write("leads.csv", "home,cell\n2019271124,2012345600\n2012345611,2019271124\n")
    var options = CleanOptions(input: leads)
    options.output = f.dir.path + "/out.csv"
    options.suppressed = f.dir.path + "/sup.csv"
    options.phoneColumns = ["home", "cell"]
    let clock = f.clock
    let record = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    let lines = try String(contentsOfFile: f.dir.path + "/sup.csv", encoding: .utf8)
      .split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[1].hasPrefix("2019271124,2012345600,2,cell,internal_dnc,"))
    #expect(lines[2].hasPrefix("2019271124,2012345600,2,home,registry_dnc,"))
    #expect(lines[3].hasPrefix("2012345611,2019271124,3,cell,duplicate,"))
    #expect(record.counts.byReason == ["internal_dnc": 1, "registry_dnc": 1, "duplicate": 1])
    #expect(record.counts.rowsKept == 1)
  }
}
