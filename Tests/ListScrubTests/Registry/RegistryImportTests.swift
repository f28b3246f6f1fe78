import Foundation
import GRDB
import Testing
import ZIPFoundation

@testable import ListScrub

@Suite struct RegistryImportTests {
  @Test func fullImportReadsFtcLinesAndReportsMalformedOnes() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write(
      "201.txt", "\u{FEFF}201,5550123\r\n201,5550124\r\n\r\nabc\n201,555012\n202,2345678\n201,5550123\n")
    let summary = try f.run([file])
    #expect(summary.rowsRead == 6)
    #expect(summary.numbersInFiles == 3)
    #expect(summary.added == 3)
    #expect(summary.removed == 0)
    #expect(summary.total == 3)
    #expect(summary.rejected == 2)
    #expect(
      summary.rejectedSample == [
        RejectedLine(file: "201.txt", line: 4, reason: "missing_comma"),
        RejectedLine(file: "201.txt", line: 5, reason: "wrong_length"),
      ])
    #expect(try f.numbers() == [12_015_550_123, 12_015_550_124, 12_022_345_678])
    let snapshot = try #require(summary.snapshot)
    #expect(snapshot.seq == 1)
    #expect(snapshot.areaCodes == "201,202")
    #expect(snapshot.downloadedAt == "2026-11-01T00:00:00Z")
    #expect(snapshot.rejectedSample.contains("\"line\":4"))
  }

  @Test(arguments: [
    (RegistryFormat.plain, "2015550123\n12025550124\n(203) 555-0125\n"),
    (.e164, "+12015550123\n+12025550124\n+12035550125\n"),
    (.ftc, "201,5550123\n202,5550124\n203,5550125\n"),
  ])
  func everyNanpFormatStoresE164Integers(format: RegistryFormat, text: String) throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let summary = try f.run([try f.dir.write("list.txt", text)], format: format)
    #expect(summary.rejected == 0)
    #expect(try f.numbers() == [12_015_550_123, 12_025_550_124, 12_035_550_125])
  }

  @Test func tpsFileBecomesPlus44AndCoversTheWholeCountry() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("tps.txt", "0207 3787244\r\n01632960001 \r\nbad line!!!!\r\n")
    let summary = try f.run([file], source: "uk-tps", format: .tps) { $0.country = "GB" }
    #expect(try f.numbers("uk-tps") == [441_632_960_001, 442_073_787_244])
    #expect(summary.rejected == 1)
    #expect(summary.snapshot?.areaCodes == "*")
    let status = try #require(try f.store.sourceStatuses(now: f.clock).first)
    #expect(status.maxAgeDays == 28)
  }

  @Test func csvFormatReadsTheNamedColumn() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write(
      "tx.csv",
      "Name,Phone Number,City\r\n\"Doe, Jane\",(201) 555-0123,Austin\r\nBob,,Dallas\r\n\"multi\nline\",+12025550124,X\r\nShort\r\nEve,not a phone,Y\r\n"
    )
    let summary = try f.run([file], source: "tx-state", kind: .state, format: .csv) {
      $0.column = "phone_number"
    }
    #expect(try f.numbers("tx-state") == [12_015_550_123, 12_025_550_124])
    #expect(
      summary.rejectedSample == [
        RejectedLine(file: "tx.csv", line: 3, reason: "empty"),
        RejectedLine(file: "tx.csv", line: 6, reason: "missing_column"),
        RejectedLine(file: "tx.csv", line: 7, reason: "not_a_number"),
      ])
  }

  @Test func csvFormatWithAnUnknownColumnNamesTheHeaders() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("tx.csv", "name,tel\nJane,2015550123\n")
    #expect(
      throws: ScrubError.badData(
        location: "tx.csv:1", message: "no column named 'phone'; the header has: name, tel",
        hint: "pass \(option: .column) with one of those names")
    ) {
      try f.run([file], source: "tx-state", kind: .state, format: .csv) { $0.column = "phone" }
    }
    #expect(try f.snapshotCount() == 0)
  }

  @Test func zipArchivesAreReadEntryByEntry() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let zipPath = f.dir.path + "/2026-11-01_Global.zip"
    let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
    for (name, text) in [("201.txt", "201,5550123\n201,5550124\n"), ("202.txt", "202,5550125\nxx\n")] {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
    let summary = try f.run([zipPath])
    #expect(try f.numbers() == [12_015_550_123, 12_015_550_124, 12_025_550_125])
    #expect(
      summary.rejectedSample == [
        RejectedLine(file: "2026-11-01_Global.zip!202.txt", line: 2, reason: "missing_comma")
      ])
    let history = try f.store.history(source: "us-ftc")
    #expect(history.first?.1.map(\.name) == ["2026-11-01_Global.zip"])
  }

  @Test func anEmptyZipIsRefused() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let zipPath = f.dir.path + "/empty.zip"
    _ = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
    #expect(throws: ScrubError.self) { try f.run([zipPath]) }
    #expect(try f.snapshotCount() == 0)
  }

  @Test func secondFullImportAppliesOnlyTheDifference() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let first = (0..<100).map { 2_015_550_000 + Int64($0) }
    try f.run([try f.dir.write("a.txt", StoreFixture.ftcLines(first))], downloadedAt: "2026-11-01")
    // Drop 5 numbers, add 3.
    let second = Array(first.dropFirst(5)) + [2_025_550_000, 2_025_550_001, 2_025_550_002]
    let summary = try f.run(
      [try f.dir.write("b.txt", StoreFixture.ftcLines(second))], downloadedAt: "2026-11-08")
    #expect(summary.added == 3)
    #expect(summary.removed == 5)
    #expect(summary.total == 98)
    #expect(summary.snapshot?.seq == 2)
    #expect(try f.numbers() == second.map { $0 + 10_000_000_000 }.sorted())
    let status = try #require(try f.store.sourceStatuses(now: f.clock).first)
    #expect(status.numbers == 98)
    #expect(status.snapshots == 2)
  }

  @Test func changeListsAddAndDelete() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("full.txt", "201,5550100\n201,5550101\n")], downloadedAt: "2026-11-01")
    let add = try f.run(
      [try f.dir.write("add.txt", "201,5550101\n201,5550102\n")], kind: nil, mode: .add,
      downloadedAt: "2026-11-02")
    #expect(add.added == 1)  // 0101 was already there
    let delete = try f.run(
      [try f.dir.write("del.txt", "201,5550100\n201,5550199\n")], kind: nil, mode: .delete,
      downloadedAt: "2026-11-03")
    #expect(delete.removed == 1)  // 0199 was never listed
    #expect(try f.numbers() == [12_015_550_101, 12_015_550_102])
    #expect(delete.snapshot?.areaCodes == "201")
  }

  @Test func changeListsGoToTheOverlayUntilItIsFull() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run(
      [try f.dir.write("full.txt", "201,5550100\n201,5550101\n202,5550100\n")], downloadedAt: "2026-11-01")
    let add = try f.run(
      [try f.dir.write("add.txt", "201,5550102\n201,5550103\n")], mode: .add, downloadedAt: "2026-11-02"
    ) { $0.pendingLimit = 3 }
    #expect(add.added == 2)
    #expect(try f.pendingCount() == 2)
    // Deleting a number that only the overlay lists clears its overlay row.
    let delete = try f.run(
      [try f.dir.write("del.txt", "201,5550103\n202,5550100\n")], mode: .delete, downloadedAt: "2026-11-03"
    ) { $0.pendingLimit = 3 }
    #expect(delete.removed == 2)
    #expect(try f.pendingCount() == 2)  // +0102 listed, 202-0100 removed
    #expect(try f.numbers() == [12_015_550_100, 12_015_550_101, 12_015_550_102])
    // Past the limit, the overlay folds into the blocks.
    let more = try f.run(
      [try f.dir.write("add2.txt", "646,5550100\n646,5550101\n")], mode: .add, downloadedAt: "2026-11-04"
    ) { $0.pendingLimit = 3 }
    #expect(more.added == 2)
    #expect(try f.pendingCount() == 0)
    #expect(
      try f.numbers() == [12_015_550_100, 12_015_550_101, 12_015_550_102, 16_465_550_100, 16_465_550_101])
    // A full import clears the overlay too.
    try f.run([try f.dir.write("add3.txt", "646,5550102\n")], mode: .add, downloadedAt: "2026-11-05")
    #expect(try f.pendingCount() == 1)
    let full = try f.run(
      [try f.dir.write("full2.txt", "646,5550102\n201,5550100\n")], downloadedAt: "2026-11-06"
    ) { $0.force = true }
    #expect(full.added == 0)
    #expect(full.removed == 4)
    #expect(try f.pendingCount() == 0)
    #expect(try f.numbers() == [12_015_550_100, 16_465_550_102])
  }

  @Test func reimportingTheSameFilesIsANoOp() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let a = try f.dir.write("201.txt", "201,5550100\n")
    let b = try f.dir.write("202.txt", "202,5550100\n")
    let first = try f.run([a, b])
    let again = try f.run([b, a], downloadedAt: "2026-11-02")
    #expect(again.snapshot == nil)
    #expect(again.unchangedSince?.id == first.snapshot?.id)
    #expect(again.total == 2)
    #expect(try f.snapshotCount() == 1)
  }

  @Test func theShrinkGuardRefusesATruncatedDownloadUnlessForced() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let all = (0..<100).map { 2_015_550_000 + Int64($0) }
    try f.run([try f.dir.write("all.txt", StoreFixture.ftcLines(all))])
    let truncated = try f.dir.write("cut.txt", StoreFixture.ftcLines(Array(all.prefix(89))))
    #expect(throws: ScrubError.self) { try f.run([truncated], downloadedAt: "2026-11-02") }
    #expect(try f.numbers().count == 100)
    #expect(try f.snapshotCount() == 1)
    let forced = try f.run([truncated], downloadedAt: "2026-11-03") { $0.force = true }
    #expect(forced.removed == 11)
    #expect(forced.snapshot?.forced == true)
    #expect(try f.numbers().count == 89)
  }

  @Test func theShrinkGuardAllowsExactlyTenPercent() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let all = (0..<100).map { 2_015_550_000 + Int64($0) }
    try f.run([try f.dir.write("all.txt", StoreFixture.ftcLines(all))])
    let ninety = try f.dir.write("ninety.txt", StoreFixture.ftcLines(Array(all.prefix(90))))
    let summary = try f.run([ninety], downloadedAt: "2026-11-02") { $0.force = true }
    #expect(summary.removed == 10)
    // --force was given but not needed: the snapshot does not say it was forced.
    #expect(summary.snapshot?.forced == false)
  }

  @Test func aDryRunWritesNothing() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", "201,5550100\n")])
    let dry = try f.run([try f.dir.write("b.txt", "201,5550101\n")], downloadedAt: "2026-11-02") {
      $0.dryRun = true
      $0.force = true
    }
    #expect(dry.added == 1)
    #expect(dry.removed == 1)
    #expect(dry.snapshot == nil)
    #expect(try f.numbers() == [12_015_550_100])
    #expect(try f.snapshotCount() == 1)
  }

  @Test func snapshotsMustArriveInDownloadOrder() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", "201,5550100\n")], downloadedAt: "2026-11-10")
    #expect(throws: ScrubError.self) {
      try f.run([try f.dir.write("b.txt", "201,5550101\n")], downloadedAt: "2026-11-09")
    }
  }

  @Test func aNewSourceNeedsAKindAndAnExistingOneMustMatch() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let a = try f.dir.write("a.txt", "201,5550100\n")
    #expect(throws: ScrubError.self) { try f.run([a], kind: nil) }
    try f.run([a], kind: .national)
    #expect(throws: ScrubError.self) {
      try f.run([try f.dir.write("b.txt", "201,5550101\n")], kind: .state, downloadedAt: "2026-11-02")
    }
  }

  @Test func coverageComesFromFlagsOrData() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let a = try f.dir.write("a.txt", "201,5550100\n")
    let listed = try f.run([a]) { $0.areaCodes = [201, 646] }
    #expect(listed.snapshot?.areaCodes == "201,646")
    let all = try f.run(
      [try f.dir.write("b.txt", "201,5550101\n")], downloadedAt: "2026-11-02"
    ) {
      $0.coversAll = true
      $0.force = true
    }
    #expect(all.snapshot?.areaCodes == "*")
    let hits = try f.store.lookup(number: 13_055_550_100)
    #expect(hits.first?.covered == true)
  }

  @Test func aSecondImportWhileOneRunsIsBusy() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let held = try ImportLock(databasePath: f.dir.database)
    #expect(
      throws: ScrubError.busy(path: f.dir.database, detail: "another import is running on this database")
    ) {
      try f.run([try f.dir.write("a.txt", "201,5550100\n")])
    }
    withExtendedLifetime(held) {}
    #expect(try f.snapshotCount() == 0)
  }

  /// Two paths to one database (here a symlink) share one import lock.
  @Test func aSymlinkedDatabaseSharesTheImportLock() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let link = f.dir.path + "/link.db"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: f.dir.database)
    var held: ImportLock? = try ImportLock(databasePath: f.dir.database)
    #expect(throws: ScrubError.busy(path: link, detail: "another import is running on this database")) {
      _ = try ImportLock(databasePath: link)
    }
    withExtendedLifetime(held) {}
    held = nil
    #expect(throws: Never.self) { _ = try ImportLock(databasePath: link) }
    #expect(!FileManager.default.fileExists(atPath: link + ".lock"))
  }

  @Test func missingFilesAreNamed() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let missing = f.dir.path + "/nope.txt"
    #expect(throws: ScrubError.missingInput(path: missing, reason: "no such file")) {
      try f.run([missing])
    }
  }
}
