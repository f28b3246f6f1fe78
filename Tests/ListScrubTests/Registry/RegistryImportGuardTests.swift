import Foundation
import GRDB
import Testing
import ZIPFoundation

@testable import ListScrub

/// What a registry import refuses so that a mistake cannot empty a source, make it look fresh
/// for years, or list numbers a damaged archive invented.
@Suite struct RegistryImportGuardTests {
  static let plainLines = "2124093359\n2125550100\n"

  func source(_ f: StoreFixture, _ name: String = "us-ftc") throws -> RegistrySource {
    try f.store.queue.read { db in
      try #require(
        try RegistrySource.fetchOne(db, sql: "SELECT * FROM source WHERE name = ?", arguments: [name]))
    }
  }

  // MARK: - The format a source remembers

  @Test func aLaterImportWithoutFormatReadsTheFormatOfTheFirst() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", Self.plainLines)], format: .plain)
    #expect(try source(f).format == "plain")
    let second = try f.run(
      [try f.dir.write("b.txt", Self.plainLines + "2125550101\n")], format: nil, downloadedAt: "2026-11-02")
    #expect(second.format == .plain)
    #expect(second.formatChange == nil)
    #expect(second.rejected == 0)
    #expect(try f.numbers() == [12_124_093_359, 12_125_550_100, 12_125_550_101])
  }

  @Test func aCsvSourceRemembersItsColumnToo() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run(
      [try f.dir.write("a.csv", "name,tel\nA,2124093359\n")], source: "tx", kind: .state, format: .csv
    ) { $0.column = "tel" }
    let second = try f.run(
      [try f.dir.write("b.csv", "name,tel\nA,2124093359\nB,2125550100\n")], source: "tx", kind: nil,
      format: nil, downloadedAt: "2026-11-02")
    #expect(second.format == .csv)
    #expect(second.formatChange == nil)
    #expect(try f.numbers("tx") == [12_124_093_359, 12_125_550_100])
  }

  /// The case that emptied a source: `--force` without `--format` read a plain list as ftc,
  /// parsed nothing, and removed every number. Refused now, and the numbers stay.
  @Test func aForcedFullImportThatParsesNoNumberIsRefusedAndTheSourceKeepsItsNumbers() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", Self.plainLines)], format: .plain)
    let wrong = try f.dir.write("b.txt", "2124093359\n")
    for format in [RegistryFormat.ftc, .e164] {
      #expect {
        try f.run([wrong], format: format, downloadedAt: "2026-11-02") { $0.force = true }
      } throws: { error in
        guard case .badData(let location, let message, let hint) = error as? ScrubError else { return false }
        return location.hasSuffix("b.txt:1")
          && message.description.hasSuffix(
            "a full import with no numbers would empty the source: refused even with <force>")
          && hint.roles.first == .format
      }
    }
    #expect(try f.numbers() == [12_124_093_359, 12_125_550_100])
    #expect(try f.snapshotCount() == 1)
  }

  /// A database from before formats were remembered: its imports default to ftc as they always
  /// did, and the wrong default cannot empty the source either.
  @Test func aSourceWithoutARememberedFormatDefaultsToFtcAndCannotBeEmptied() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", Self.plainLines)], format: .plain)
    try f.store.queue.write { db in
      try db.execute(sql: "UPDATE source SET format = NULL, format_column = NULL")
    }
    #expect(throws: ScrubError.self) {
      try f.run([try f.dir.write("b.txt", "2124093359\n")], format: nil, downloadedAt: "2026-11-02") {
        $0.force = true
      }
    }
    #expect(try f.numbers() == [12_124_093_359, 12_125_550_100])
    let ftc = try f.run(
      [try f.dir.write("c.txt", "212,4093359\n212,5550100\n")], format: nil, downloadedAt: "2026-11-03")
    #expect(ftc.format == .ftc)
    #expect(ftc.formatChange == nil)
    #expect(try source(f).format == nil)
  }

  @Test func anExplicitDifferentFormatIsUsedSaidAndRememberedFromThen() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", Self.plainLines)], format: .plain)
    let dry = try f.run(
      [try f.dir.write("b.txt", "212,4093359\n212,5550100\n")], format: .ftc, downloadedAt: "2026-11-02"
    ) { $0.dryRun = true }
    #expect(
      dry.formatChange
        == "us-ftc was imported with --format plain; this dry run reads --format ftc (a real import would make the source remember it)"
    )
    #expect(try source(f).format == "plain")
    let changed = try f.run(
      [try f.dir.write("b.txt", "212,4093359\n212,5550100\n")], format: .ftc, downloadedAt: "2026-11-02")
    #expect(
      changed.formatChange
        == "us-ftc was imported with --format plain; this import reads --format ftc, and the source remembers it from now on"
    )
    #expect(try source(f).format == "ftc")
    let after = try f.run(
      [try f.dir.write("c.txt", "212,4093359\n212,5550100\n212,5550101\n")], format: nil,
      downloadedAt: "2026-11-03")
    #expect(after.format == .ftc)
    #expect(after.rejected == 0)
    #expect(after.formatChange == nil)
  }

  // MARK: - Download dates in the future

  @Test func aDownloadDateBeyondADayAheadOfTheClockIsRefused() throws {
    let f = try StoreFixture()  // the clock: 2026-11-18T11:06:40Z
    defer { f.dir.remove() }
    let file = try f.dir.write("a.txt", "212,4093359\n")
    #expect(
      throws: ScrubError.usage(
        "\(option: .downloadedAt) 2030-01-01T00:00:00Z is in the future (the clock says 2026-11-18T11:06:40Z)",
        hint: "give the date the files were downloaded (up to a day ahead is taken as clock skew)")
    ) {
      try f.run([file], downloadedAt: "2030-01-01")
    }
    #expect(throws: ScrubError.self) { try f.run([file], downloadedAt: "2026-11-19T12:00:00Z") }
    #expect(try f.snapshotCount() == 0)
    // Within a day of the clock: skew, accepted.
    let skewed = try f.run([file], downloadedAt: "2026-11-19T11:00:00Z")
    #expect(skewed.snapshot?.downloadedAt == "2026-11-19T11:00:00Z")
  }

  @Test func aFileModifiedInTheFutureIsNotItsDownloadDate() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let old = try f.dir.write("201.txt", "201,5550123\n")
    let future = try f.dir.write("202.txt", "202,5550123\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2026-11-10")!], ofItemAtPath: old)
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2030-01-01")!], ofItemAtPath: future)
    #expect(
      throws: ScrubError.badData(
        location: future,
        message:
          "modified 2030-01-01T00:00:00Z, in the future (the clock says 2026-11-18T11:06:40Z): its modification time cannot be its download date",
        hint:
          "give the real date with \(option: .downloadedAt) YYYY-MM-DD, or fix the file's time (touch) or the clock"
      )
    ) {
      try f.run([old, future]) { $0.downloadedAt = nil }
    }
    #expect(try f.snapshotCount() == 0)
    // The option overrides the file's time; without the future file, its time is the date.
    #expect(try f.run([old, future], downloadedAt: "2026-11-17").snapshot != nil)
    let byTime = try f.run([old], source: "other") { $0.downloadedAt = nil }
    #expect(byTime.snapshot?.downloadedAt == "2026-11-10T00:00:00Z")
  }

  // MARK: - Zip entries checked against the archive

  @Test func aStoredEntryWithAFlippedDigitIsRefusedAndNamed() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let lines = Array("201,5550123\n201,5550124\n".utf8)
    var zip = StoredZip.make([("a/201.txt", lines), ("a/202.txt", Array("202,5550125\n".utf8))])
    zip[StoredZip.dataOffset(name: "a/201.txt") + 6] ^= 0x01  // 201,5550123 -> 201,5450123
    let path = try f.dir.write("ftc.zip", bytes: zip)
    #expect {
      try f.run([path])
    } throws: { error in
      guard case .badData(let location, let message, let hint) = error as? ScrubError else { return false }
      return location == path + "!a/201.txt" && message.description.hasPrefix("CRC-32 mismatch: ")
        && hint.description.hasPrefix("the archive is damaged; download it again")
    }
    #expect(try f.snapshotCount() == 0)
    // The same archive undamaged imports.
    try f.dir.write("ftc.zip", bytes: StoredZip.make([("a/201.txt", lines)]))
    try f.run([path])
    #expect(try f.numbers() == [12_015_550_123, 12_015_550_124])
  }

  /// A deflated entry that inflates to fewer bytes than the archive declares (a cut-off
  /// download, or a header that lies), with a CRC-32 that matches what there is.
  @Test func aDeflatedEntryShorterThanItsDeclaredSizeIsRefused() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let zipPath = f.dir.path + "/ftc.zip"
    let data = Data("201,5550123\n201,5550124\n".utf8)
    let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
    try archive.addEntry(
      with: "201.txt", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zipPath)))
    // The uncompressed size: 22 bytes into the local header, 24 into the central one.
    for (signature, at) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
      let start = try #require(
        (0...(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(signature) })
      #expect(bytes[start + at] == UInt8(data.count))
      bytes[start + at] = UInt8(data.count + 10)
    }
    try f.dir.write("ftc.zip", bytes: bytes)
    #expect(
      throws: ScrubError.badData(
        location: zipPath + "!201.txt",
        message: "the entry unpacks to 24 bytes where the archive declares 34",
        hint: "the archive is damaged; download it again (unzip -t \(zipPath) tests it)")
    ) {
      try f.run([zipPath])
    }
    #expect(try f.snapshotCount() == 0)
  }
}
