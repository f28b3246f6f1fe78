import Foundation
import Testing

@testable import ListScrub

@Suite struct HistoryTests {
  /// Three snapshots: A and B listed on 11-01; B removed and C added on 11-10; B back on 11-20.
  func threeSnapshots() throws -> StoreFixture {
    var f = try StoreFixture()
    try f.run([try f.dir.write("1.txt", "201,5550100\n201,5550101\n")], downloadedAt: "2026-11-01")
    try f.run([try f.dir.write("2.txt", "201,5550100\n201,5550102\n")], downloadedAt: "2026-11-10") {
      $0.force = true
    }
    // Imported on the day it was downloaded: a download date in the future is refused.
    f.clock = Timestamp.parse("2026-11-20T06:00:00Z")!
    try f.run(
      [try f.dir.write("3.txt", "201,5550101\n")], kind: nil, mode: .add, downloadedAt: "2026-11-20")
    return f
  }

  func listed(_ f: StoreFixture, _ number: Int64, _ day: String?) throws -> (Bool, Int64?)? {
    let hits = try f.store.lookup(number: number, asOf: day.flatMap(Timestamp.parse))
    return hits.first.map { ($0.listed, $0.addedSnapshot) }
  }

  @Test func asOfAnswersFromTheSnapshotInForceThatDay() throws {
    let f = try threeSnapshots()
    defer { f.dir.remove() }
    let a: Int64 = 12_015_550_100
    let b: Int64 = 12_015_550_101
    let c: Int64 = 12_015_550_102
    // Before the first download there is no answer at all.
    #expect(try listed(f, a, "2026-10-31") == nil)
    #expect(try listed(f, a, "2026-11-01")! == (true, 1))
    #expect(try listed(f, b, "2026-11-05")! == (true, 1))
    #expect(try listed(f, c, "2026-11-05")! == (false, nil))
    #expect(try listed(f, b, "2026-11-10")! == (false, nil))
    #expect(try listed(f, c, "2026-11-15")! == (true, 2))
    #expect(try listed(f, b, "2026-11-20")! == (true, 3))
    #expect(try listed(f, b, nil)! == (true, 3))
    #expect(try listed(f, a, nil)! == (true, 1))
  }

  @Test func historyListsSnapshotsNewestFirstWithFiles() throws {
    let f = try threeSnapshots()
    defer { f.dir.remove() }
    let history = try f.store.history(source: "us-ftc")
    #expect(history.map(\.0.seq) == [3, 2, 1])
    #expect(history.map(\.0.kind) == [.add, .full, .full])
    #expect(history.map { $0.1.map(\.name) } == [["3.txt"], ["2.txt"], ["1.txt"]])
    #expect(history[2].1[0].sha256 == SHA256.hex(of: Array("201,5550100\n201,5550101\n".utf8)))
    #expect(history[1].0.removed == 1)
    #expect(throws: ScrubError.self) { try f.store.history(source: "nope") }
  }

  @Test func staleWhenOlderThanTheMaximumAge() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("1.txt", "201,5550100\n")], downloadedAt: "2026-11-01")
    let day31 = try #require(Timestamp.parse("2026-12-02"))
    let day32 = try #require(Timestamp.parse("2026-12-03"))
    #expect(try f.store.sourceStatuses(now: day31).first?.stale == false)
    #expect(try f.store.sourceStatuses(now: day32).first?.stale == true)
    #expect(try f.store.sourceStatuses(now: day32).first?.ageDays == 32)
  }
}
