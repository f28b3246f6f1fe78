import Foundation
import GRDB

@testable import ListScrub

/// A store in its own folder, with helpers to import and to read back a source's numbers.
struct StoreFixture {
  let dir: TestDirectory
  let store: Store
  var clock = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

  init() throws {
    dir = try TestDirectory()
    store = try Store.open(at: dir.database, create: true)
  }

  func importer() -> RegistryImporter {
    let now = clock
    return RegistryImporter(store: store, now: { now }, toolVersion: "test")
  }

  @discardableResult
  func run(
    _ files: [String], source: String = "us-ftc", kind: RegistryKind? = .national,
    mode: RegistryImportOptions.Mode = .full, format: RegistryFormat? = .ftc,
    downloadedAt: String = "2026-11-01", configure: (inout RegistryImportOptions) -> Void = { _ in }
  ) throws -> RegistryImportSummary {
    var options = RegistryImportOptions(source: source, files: files, kind: kind)
    options.rules = CountryRules.bundled
    options.mode = mode
    options.format = format
    options.downloadedAt = Timestamp.parse(downloadedAt)
    configure(&options)
    return try importer().run(options)
  }

  /// The source's numbers, read straight from its blocks and pending overlay.
  func numbers(_ source: String = "us-ftc") throws -> [Int64] {
    try store.queue.read { db in
      guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [source])
      else { return [] }
      let rows = try Row.fetchAll(db, sql: "SELECT block, numbers FROM reg_\(id) ORDER BY block")
      var set = Set(
        rows.flatMap { row -> [Int64] in
          let block: Int64 = row["block"]
          let blob: Data = row["numbers"]
          return blob.withUnsafeBytes { NumberBlocks.decode($0) }.map {
            block * NumberBlocks.span + Int64($0)
          }
        })
      for row in try Row.fetchAll(
        db, sql: "SELECT number, listed FROM pending_change WHERE source_id = ?", arguments: [id])
      {
        if row["listed"] as Bool { set.insert(row["number"]) } else { set.remove(row["number"]) }
      }
      return set.sorted()
    }
  }

  func pendingCount() throws -> Int {
    try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_change") ?? 0 }
  }

  func snapshotCount() throws -> Int {
    try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot") ?? 0 }
  }

  /// FTC lines for NANP numbers given as 10-digit integers.
  static func ftcLines(_ numbers: [Int64]) -> String {
    numbers.map { "\($0 / 10_000_000),\(String(format: "%07lld", $0 % 10_000_000))\n" }.joined()
  }
}
