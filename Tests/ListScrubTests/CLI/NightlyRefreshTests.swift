import Foundation
import Testing

@testable import ListScrub

/// `scripts/nightly-refresh.sh`, the README's cron recipe, run as cron would against a temporary
/// database and the bundled sample files.
@Suite struct NightlyRefreshTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  func refresh(_ arguments: [String], now: String = "2026-11-22T12:00:00Z", in dir: TestDirectory) throws
    -> ScrubBinary.Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.root.appendingPathComponent("scripts/nightly-refresh.sh").path] + arguments
    process.currentDirectoryURL = dir.url
    var env = ProcessInfo.processInfo.environment
    env["SCRUB_BIN"] = ScrubBinary.url.path
    env["SCRUB_DB"] = dir.database
    env["SCRUB_NOW"] = now
    process.environment = env
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(status: process.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
  }

  /// A database holding the sample full list (downloaded 2026-11-20), and a folder of change lists.
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    let sample = Self.root.appendingPathComponent("Fixtures/sample")
    let full = ["201", "212", "646"].map { sample.appendingPathComponent("ftc-2026-11-20/\($0).txt").path }
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc"] + full + ["--kind", "national", "--downloaded-at", "2026-11-20"],
      in: dir)
    #expect(r.status == 0)
    try FileManager.default.createDirectory(atPath: dir.path + "/changes", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: sample.appendingPathComponent("ftc-changes-add-2026-11-21.txt").path,
      toPath: dir.path + "/changes/ftc-changes-add-2026-11-21.txt")
    return dir
  }

  @Test func importsTheChangeListsOnceAndChecksFreshness() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let first = try refresh(["changes"], in: dir)
    #expect(first.status == 0)
    #expect(
      first.stderr == """
        nightly-refresh: us-ftc: imported add list ftc-changes-add-2026-11-21.txt (downloaded 2026-11-21)
        nightly-refresh: us-ftc: 1 imported, 0 already imported; fresh (downloaded 2026-11-21, 1 of 31 days)

        """)
    let again = try refresh(["changes"], in: dir)
    #expect(again.status == 0)
    #expect(
      again.stderr
        == "nightly-refresh: us-ftc: 0 imported, 1 already imported; fresh (downloaded 2026-11-21, 1 of 31 days)\n"
    )
    let history = try ScrubBinary.run(["registry", "history", "us-ftc"], in: dir)
    #expect(history.stdout.split(separator: "\n").count == 3)  // header, full, add: no second add
  }

  @Test func aStaleSourceExits65AndSaysWhy() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try refresh(["changes"], now: "2027-01-10T06:00:00Z", in: dir)
    #expect(r.status == 65)
    #expect(
      r.stderr.hasSuffix(
        """
        scrub: error: us-ftc is stale: its data was downloaded 2026-11-21, 50 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc FILE...); until then scrub clean refuses to run
        nightly-refresh: us-ftc: STALE (downloaded 2026-11-21, 50 days ago; maximum 31): scrubs will be refused until a fresh download is imported

        """))
  }

  @Test func aBusyDatabasePassesExit75Through() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let held = try ImportLock(databasePath: dir.database)
    let r = try refresh(["changes"], in: dir)
    withExtendedLifetime(held) {}
    #expect(r.status == 75)
    #expect(
      r.stderr.hasSuffix(
        "nightly-refresh: changes/ftc-changes-add-2026-11-21.txt: the database is busy (exit 75); retry later\n"
      ))
  }

  @Test func anUnloadedSourceOrAnUnknownFileIsRefused() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("list.txt", "201,5550100\n")
    let unloaded = try refresh(["add:list.txt"], in: dir)
    #expect(unloaded.status == 65)
    #expect(unloaded.stderr.contains("us-ftc is not loaded: import a full list first"))
    let unknown = try refresh(["list.txt"], in: dir)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("list.txt: cannot tell whether it adds or deletes numbers"))
  }
}
