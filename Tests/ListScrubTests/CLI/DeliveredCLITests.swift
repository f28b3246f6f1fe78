import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `clean --campaign C --skip-delivered DAYS`: numbers an earlier run of the campaign delivered.
@Suite struct DeliveredCLITests {
  static let leads = "name,phone\nAna,201-222-3333\nBo,201-222-4444\n"
  static let later = "name,phone\nAna,(201) 222-3333\nCy,201-222-5555\nBo,201-222-4444\n"

  static func clean(
    _ dir: TestDirectory, _ input: String, _ args: [String], at now: String = "2026-11-22T12:00:00Z"
  ) throws -> ScrubBinary.Result {
    try ScrubBinary.run(
      ["clean", input, "-o", "out.csv", "--suppressed", "sup.csv", "--quiet"] + args,
      environment: ["SCRUB_NOW": now], in: dir)
  }

  static func suppressed(_ dir: TestDirectory) throws -> [String] {
    try String(contentsOfFile: dir.path + "/sup.csv", encoding: .utf8).split(separator: "\n").dropFirst()
      .map(String.init)
  }

  @Test func aCampaignSkipsWhatItDeliveredAndAnotherCampaignDoesNot() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("a.csv", Self.leads)
    try dir.write("b.csv", Self.later)
    let first = try Self.clean(dir, "a.csv", ["--campaign", "spring"])
    #expect(first.status == 0, "\(first.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    let firstRun = try #require(try store.runs().first?.runID)
    #expect(try store.deliveredNumbers(runID: firstRun) == [12_012_223_333, 12_012_224_444])

    let second = try Self.clean(
      dir, "b.csv", ["--campaign", "spring", "--skip-delivered", "30"], at: "2026-11-25T09:00:00Z")
    #expect(second.status == 0, "\(second.stderr)")
    let lines = try Self.suppressed(dir)
    #expect(lines.count == 2, "\(lines)")
    #expect(
      lines.first
        == "Ana,(201) 222-3333,2,phone,delivered,delivered to campaign spring by run \(firstRun) on 2026-11-22 (window 30 days)"
    )
    #expect(lines.allSatisfy { $0.contains(",delivered,") })
    let out = try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
    #expect(out.contains("Cy,201-222-5555") && !out.contains("Ana") && !out.contains("Bo"), "\(out)")
    let record = try #require(try store.runs().first)
    #expect(record.settings.skipDelivered == 30 && record.counts.byReason["delivered"] == 2)
    #expect(record.counts.numbersByReason["delivered"] == 2)
    #expect(record.rules.contains("delivered"))
    // The second run delivered only Cy; a third run of spring skips all three.
    #expect(try store.deliveredNumbers(runID: record.runID!) == [12_012_225_555])

    // Another campaign's clean file is its own.
    let other = try Self.clean(
      dir, "b.csv", ["--campaign", "autumn", "--skip-delivered", "30"], at: "2026-11-25T10:00:00Z")
    #expect(other.status == 0, "\(other.stderr)")
    #expect(try Self.suppressed(dir).isEmpty)
    // A run without a campaign delivers too, but to no campaign.
    let none = try Self.clean(dir, "a.csv", [], at: "2026-11-25T11:00:00Z")
    #expect(none.status == 0, "\(none.stderr)")
    let third = try Self.clean(
      dir, "b.csv", ["--campaign", "spring", "--skip-delivered", "30"], at: "2026-11-26T09:00:00Z")
    #expect(third.status == 0, "\(third.stderr)")
    let thirdLines = try Self.suppressed(dir)
    #expect(thirdLines.count == 3 && thirdLines.allSatisfy { $0.contains(",delivered,") }, "\(thirdLines)")
    // Cy names the newer run that delivered it; Ana still the first.
    #expect(
      thirdLines.contains { $0.hasPrefix("Cy,") && $0.contains("by run \(record.runID!) on 2026-11-25") })
    #expect(thirdLines.contains { $0.hasPrefix("Ana,") && $0.contains("by run \(firstRun) on 2026-11-22") })
  }

  @Test(arguments: [("2026-11-29T12:00:00Z", true), ("2026-11-29T12:00:01Z", false)])
  func theWindowIncludesTheMomentDaysAgoAndNotASecondMore(now: String, skipped: Bool) throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("a.csv", Self.leads)
    #expect(try Self.clean(dir, "a.csv", ["--campaign", "spring"]).status == 0)
    let r = try Self.clean(dir, "a.csv", ["--campaign", "spring", "--skip-delivered", "7"], at: now)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = try Self.suppressed(dir)
    if skipped {
      #expect(
        lines.count == 2 && lines.allSatisfy { $0.contains("by run 1 on 2026-11-22 (window 7 days)") },
        "\(lines)")
    } else {
      #expect(lines.isEmpty, "\(lines)")
    }
  }

  @Test func skipDeliveredNeedsACampaignAndADayCount() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("a.csv", Self.leads)
    let bare = try Self.clean(dir, "a.csv", ["--skip-delivered", "30"])
    #expect(bare.status == 64 && bare.stderr.contains("--skip-delivered needs --campaign"), "\(bare.stderr)")
    for days in ["0", "-3", "3651"] {
      let r = try Self.clean(dir, "a.csv", ["--campaign", "x", "--skip-delivered=\(days)"])
      #expect(r.status == 64, "\(days): \(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/out.csv"))
  }

  @Test func deliveriesAreAppendOnlyAndVerified() throws {
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    try dir.write("a.csv", Self.leads)
    #expect(try Self.clean(dir, "a.csv", ["--campaign", "spring"]).status == 0)
    let store = try Store.open(at: dir.database, create: false)
    for sql in ["UPDATE run_delivery SET numbers = 0", "DELETE FROM run_delivery"] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    try store.queue.writeWithoutTransaction { db in try db.execute(sql: "DROP TRIGGER run_delivery_no_delete")
    }
    #expect(
      try store.verify().problems == [
        "schema: trigger run_delivery_no_delete is missing, so history could be edited"
      ])
  }
}

/// The merge and the forward search behind `DeliveryLookup`.
@Suite struct DeliveryMergeTests {
  @Test func theUnionKeepsTheNewerRunOnATie() {
    let (numbers, runs) = DeliveryLookup.merge(([1, 3, 5], [0, 0, 0]), ([2, 3, 6], [1, 1, 1]))
    #expect(numbers == [1, 2, 3, 5, 6] && runs == [0, 1, 0, 0, 1])
  }

  /// Packed (one UInt64 per entry, the way scrubs take) and unpacked (numbers too far apart).
  @Test(arguments: [true, false]) func randomRunsAgreeWithASetModel(pack: Bool) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let store = try Store.open(at: dir.database, create: true)
    var g = SystemRandomNumberGenerator()
    let lists = (0..<7).map { _ in
      Array(Set((0..<500).map { _ in Int64.random(in: 12_012_220_000..<12_012_230_000, using: &g) })).sorted()
    }
    try store.queue.write { db in
      for (i, list) in lists.enumerated() {
        try db.execute(
          sql:
            "INSERT INTO scrub_run (id, started_at, finished_at, input_sha256, document) VALUES (?, 'x', 'x', 'x', '{}')",
          arguments: [i + 1])
        try Store.recordDelivery(
          db, runID: Int64(i + 1), campaign: i == 3 ? "other" : "c",
          deliveredAt: "2026-11-\(10 + i)T00:00:00Z", numbers: list)
      }
    }
    let lookup = try store.queue.read { db in
      try DeliveryLookup(db, campaign: "c", days: 5, now: Timestamp.parse("2026-11-17T00:00:00Z")!)
    }
    // Runs of the 12th to the 16th, but the 13th's is another campaign's: newest first.
    #expect(lookup.runs.map(\.id) == [7, 6, 5, 3])
    try lookup.prepare(pack: pack)
    let probe = Array(
      Set((0..<3_000).map { _ in Int64.random(in: 12_012_219_000..<12_012_231_000, using: &g) })
    )
    .sorted()
    let found = lookup.deliveries(sorted: probe)
    for (k, n) in probe.enumerated() {
      let expected = lookup.runs.firstIndex { lists[Int($0.id) - 1].contains(n) }
      #expect(found[k] == Int32(expected ?? -1), "\(n)")
    }
  }

  /// Any number of lists, odd ones too, merge to every tagged entry in order.
  @Test(arguments: [1, 2, 3, 5, 8]) func thePackedUnionIsEveryEntryInOrder(lists count: Int) throws {
    var g = SystemRandomNumberGenerator()
    let lists = (0..<count).map { _ in
      Array(Set((0..<Int.random(in: 0...300, using: &g)).map { _ in Int64.random(in: 500..<900, using: &g) }))
        .sorted()
    }
    let union = try #require(try DeliveryLookup.packedUnion(lists.map { Data(NumberList.encode($0)) }))
    let base = lists.compactMap(\.first).min() ?? 0
    let model = lists.enumerated().flatMap { i, list in list.map { UInt64($0 - base) << 16 | UInt64(i) } }
      .sorted()
    #expect(union.0 == model && union.1 == base)
  }

  @Test func numbersTooFarApartToPackAreRefusedByThePackedWay() throws {
    let near = Data(NumberList.encode([12_012_220_000, 12_012_220_001]))
    let far = Data(NumberList.encode([12_012_220_000, 12_012_220_000 + (1 << 48)]))
    #expect(try DeliveryLookup.packedUnion([near])?.0 == [0 << 16, 1 << 16])
    #expect(
      try DeliveryLookup.packedUnion([near, Data(NumberList.encode([12_012_220_001]))])?.0
        == [0, 1 << 16, 1 << 16 | 1])
    #expect(try DeliveryLookup.packedUnion([near, far]) == nil)
  }

  @Test func aDamagedListIsAnErrorNotAnEmptyUnion() {
    var blob = NumberList.encode([12_012_220_000, 12_012_220_005])
    blob.removeLast()
    #expect(throws: NumberList.Corrupt.self) { try DeliveryLookup.packedUnion([Data(blob)]) }
    #expect(throws: NumberList.Corrupt.self) {
      try DeliveryLookup.packedUnion([Data(NumberList.encode([1, 2])) + [0]])
    }
  }
}
