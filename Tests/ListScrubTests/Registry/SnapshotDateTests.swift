import Foundation
import Testing

@testable import ListScrub

/// A guessed download date is stored as guessed; a correction gives the date freshness and
/// history use, and may not put snapshots out of download order.
@Suite struct SnapshotDateTests {
  static let clock = Date(timeIntervalSince1970: 1_796_256_000)  // 2026-12-03

  @Test func aGuessedDateIsMarkedAndACorrectionReplacesIt() throws {
    let dir = try TestDirectory()
    let store = try Store.open(at: dir.database, create: true)
    let importer = RegistryImporter(store: store, now: { Self.clock }, toolVersion: "test")
    let file = try dir.write("full.txt", "201,2345678\n212,2067983\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2026-12-02")!], ofItemAtPath: file)
    var full = RegistryImportOptions(source: "us-ftc", files: [file], kind: .national)
    full.format = .ftc
    let summary = try importer.run(full)
    #expect(summary.guessedFrom == file)
    #expect(summary.snapshot?.isGuessed == true)
    #expect(summary.snapshot?.downloadedDay == "2026-12-02 (guessed)")
    #expect(try store.sourceStatuses(now: Self.clock).first?.lastDownloadedAtGuessed == true)

    var again = full
    again.downloadedAt = Timestamp.parse("2026-11-28")
    let reimport = try importer.run(again)
    #expect(reimport.differingDate == "2026-11-28T00:00:00Z")

    let request = SnapshotCorrectionRequest(
      source: "us-ftc", seq: 1, downloadedAt: Timestamp.parse("2026-11-28")!, why: "receipt",
      recordedBy: "alice")
    var dry = request
    dry.dryRun = true
    #expect(try store.correctSnapshotDate(dry, now: Self.clock, toolVersion: "test").recorded == nil)
    #expect(try store.corrections(source: "us-ftc").isEmpty)
    let done = try store.correctSnapshotDate(request, now: Self.clock, toolVersion: "test")
    #expect(done.recorded?.previousGuessed == true)
    let status = try #require(try store.sourceStatuses(now: Self.clock).first)
    #expect(status.lastDownloadedAt == "2026-11-28T00:00:00Z" && status.ageDays == 5)
    #expect(status.lastDownloadedAtCorrected && !status.lastDownloadedAtGuessed)
  }

  @Test func aCorrectionPastTheNextSnapshotIsRefused() throws {
    let dir = try TestDirectory()
    let store = try Store.open(at: dir.database, create: true)
    let importer = RegistryImporter(store: store, now: { Self.clock }, toolVersion: "test")
    var full = RegistryImportOptions(
      source: "us-ftc", files: [try dir.write("full.txt", "201,2345678\n")], kind: .national)
    full.downloadedAt = Timestamp.parse("2026-11-20")
    _ = try importer.run(full)
    var add = RegistryImportOptions(
      source: "us-ftc", files: [try dir.write("add.txt", "201,2345679\n")], kind: nil)
    add.mode = .add
    add.downloadedAt = Timestamp.parse("2026-11-25")
    _ = try importer.run(add)
    let late = SnapshotCorrectionRequest(
      source: "us-ftc", seq: 1, downloadedAt: Timestamp.parse("2026-11-26")!, why: "typo",
      recordedBy: "alice")
    #expect(throws: ScrubError.self) {
      try store.correctSnapshotDate(late, now: Self.clock, toolVersion: "test")
    }
    #expect(try store.corrections(source: "us-ftc").isEmpty)
  }
}
