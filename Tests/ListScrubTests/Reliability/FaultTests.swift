import Foundation
import GRDB
import Testing

@testable import ListScrub

#if canImport(Glibc)
  import Glibc
#endif

/// Faults around the binary: two writers, a scrub racing an import, interrupts, a full or
/// read-only disk. Each checks the exit code, the message, and that nothing is half-done.
@Suite struct FaultTests {
  /// A store at version 1 of a generated registry, with version 2 on disk beside it.
  static func twoVersions(numbers: Int = 300_000) throws -> TestDirectory {
    let dir = try TestDirectory()
    try SpawnedScrub.bench(
      ["registry-gen", "--numbers", "\(numbers)", "--area-codes", "20", "--out", "v1"], in: dir)
    try SpawnedScrub.bench(
      ["registry-gen", "--numbers", "\(numbers)", "--area-codes", "20", "--churn", "0.1", "--out", "v2"],
      in: dir)
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc"] + files("v1", in: dir)
        + ["--kind", "national", "--covers-all", "--downloaded-at", "2026-11-20"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return dir
  }

  static func files(_ folder: String, in dir: TestDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path + "/" + folder).sorted().map {
      folder + "/" + $0
    }
  }

  static let importV2 = ["--full", "--covers-all", "--downloaded-at", "2026-11-21"]

  static func digest(_ dir: TestDirectory) throws -> StoreVerification {
    let store = try Store.open(at: dir.database, create: false)
    defer { try? store.close() }
    return try store.verify()
  }

  static func runCount(_ dir: TestDirectory) throws -> Int {
    try DatabaseQueue(path: dir.database).read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM scrub_run") ?? 0
    }
  }

  @Test func aSecondImportExits75AndChangesNothing() throws {
    // A million numbers: the first import must still hold the lock when the second, which reads
    // the rules table first, reaches it (300k left a window of tenths of a second).
    let dir = try Self.twoVersions(numbers: 1_000_000)
    defer { dir.remove() }
    let before = try Self.digest(dir)
    let first = try SpawnedScrub(
      ["registry", "import", "us-ftc"] + Self.files("v2", in: dir) + Self.importV2,
      environment: ["SCRUB_TRACE": "1"], in: dir)
    // The lock is taken before the first phase is traced.
    #expect(SpawnedScrub.until { first.stderr.contains("] sorting") })
    let second = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", try Self.files("v1", in: dir)[0], "--full", "--force",
        "--downloaded-at", "2026-11-22",
      ],
      in: dir)
    let firstStatus = first.wait()
    #expect(second.status == 75)
    #expect(
      second.stderr.hasPrefix(
        "scrub: error: \(dir.database) is busy: another import is running on this database\n"))
    #expect(firstStatus == 0, "\(first.stderr)")
    let after = try Self.digest(dir)
    #expect(after.ok)
    #expect(after.sources.first?.snapshots == 2)  // the first import's snapshot, not the second's
    #expect(after.sources.first?.sha256 != before.sources.first?.sha256)
  }

  @Test func aScrubDuringAnImportSeesExactlyOneVersion() throws {
    let dir = try Self.twoVersions()
    defer { dir.remove() }
    // Leads: every 40th number of both versions, so each version suppresses a different set.
    var leads = "name,phone\n"
    for folder in ["v1", "v2"] {
      for file in try Self.files(folder, in: dir) {
        let lines = try String(contentsOfFile: dir.path + "/" + file, encoding: .utf8).split(separator: "\n")
        for line in lines.enumerated() where line.offset % 40 == 0 {
          leads += "x,\(line.element.replacingOccurrences(of: ",", with: ""))\n"
        }
      }
    }
    try dir.write("leads.csv", leads)
    func clean(_ tag: String) throws -> (seq: Int64, output: String) {
      let r = try ScrubBinary.run(
        [
          "clean", "leads.csv", "-o", "\(tag).csv", "--no-suppressed", "--level", "possible", "--report",
          "\(tag).json", "--quiet",
        ],
        in: dir)
      #expect(r.status == 0, "\(r.stderr)")
      let record = try JSONDecoder().decode(
        RunRecord.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/\(tag).json")))
      return (
        record.sources[0].snapshotSeq, try String(contentsOfFile: dir.path + "/\(tag).csv", encoding: .utf8)
      )
    }
    let v1 = try clean("before")
    #expect(v1.seq == 1)
    let importer = try SpawnedScrub(
      ["registry", "import", "us-ftc"] + Self.files("v2", in: dir) + Self.importV2, in: dir)
    var during: [(seq: Int64, output: String)] = []
    var n = 0
    while importer.process.isRunning || during.isEmpty {
      during.append(try clean("during-\(n)"))
      n += 1
    }
    #expect(importer.wait() == 0, "\(importer.stderr)")
    let v2 = try clean("after")
    #expect(v2.seq == 2)
    #expect(v1.output != v2.output)
    for result in during {
      #expect(
        result.output == (result.seq == 1 ? v1.output : v2.output), "run against snapshot \(result.seq)")
    }
  }

  @Test func aFinishedScrubWaitsForAWriterToRecordItsRun() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    // Another writer (an import's long transaction) holds the lock past the 5 s busy timeout.
    let writer = try DatabaseQueue(path: dir.database)
    let holding = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      try? writer.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        holding.signal()
        Thread.sleep(forTimeInterval: 6.5)
        try db.execute(sql: "COMMIT")
      }
      done.signal()
    }
    holding.wait()
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet"], in: dir)
    done.wait()
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Self.runCount(dir) == 1)
  }

  /// Ctrl-C, and a closed terminal (SIGHUP, which once left `.out.csv.PID.tmp` behind).
  @Test(arguments: [(SIGINT, Int32(130)), (SIGHUP, Int32(129))])
  func anInterruptedCleanExits128PlusTheSignalAndLeavesNothing(signal: Int32, status: Int32) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try SpawnedScrub.bench(
      ["registry-gen", "--numbers", "10000", "--area-codes", "5", "--out", "reg"], in: dir)
    #expect(
      try ScrubBinary.run(
        ["registry", "import", "us-ftc"] + Self.files("reg", in: dir)
          + ["--kind", "national", "--covers-all", "--downloaded-at", "2026-11-20"], in: dir
      ).status == 0)
    // Big enough that the run is still reading when its output's first megabyte is written.
    var leads = "name,phone\n"
    for i in 0..<400_000 { leads += "Lead \(i),201-222-\(String(format: "%04d", i % 10_000))\n" }
    try dir.write("leads.csv", leads)
    let clean = try SpawnedScrub(["clean", "leads.csv", "-o", "out.csv"], in: dir)
    // The temporary name is random: `.out.csv.<16 hex digits>.tmp`.
    func temporaryBytes() -> Int {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      return names.filter { $0.hasPrefix(".out.csv.") && $0.hasSuffix(".tmp") }.reduce(0) {
        $0 + ((try? FileManager.default.attributesOfItem(atPath: dir.path + "/" + $1))?[.size] as? Int ?? 0)
      }
    }
    #expect(SpawnedScrub.until { temporaryBytes() > 0 })
    clean.signal(signal)
    #expect(clean.wait() == status)
    #expect(clean.stderr.hasSuffix("scrub: interrupted; nothing was changed\n"))
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasPrefix("out") || $0.hasPrefix(".out") || $0.contains("suppressed")
    }
    #expect(left == [])
    #expect(try Self.runCount(dir) == 0)
  }

  @Test func ctrlCDuringImportExits130AndLeavesTheStoreAsItWas() throws {
    let dir = try Self.twoVersions()
    defer { dir.remove() }
    let before = try Self.digest(dir)
    let importer = try SpawnedScrub(
      ["registry", "import", "us-ftc"] + Self.files("v2", in: dir) + Self.importV2,
      environment: ["SCRUB_TRACE": "1"], in: dir)
    // Inside the write transaction: the comparison with the stored source has begun.
    #expect(SpawnedScrub.until { importer.stderr.contains("] comparing") })
    importer.signal(SIGINT)
    #expect(importer.wait() == 130)
    #expect(try Self.digest(dir) == before)
  }

  // MARK: - Full and read-only disks

  /// A tmpfs of `kilobytes` (read-only when asked), unmounted by `unmount()`. Nil where mounting
  /// is not allowed (not root): the /dev/full test still covers a disk that fills.
  final class TinyDisk {
    let path: String

    init?(in dir: TestDirectory, name: String, kilobytes: Int, readOnly: Bool = false) {
      path = dir.path + "/" + name
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let options = "size=\(kilobytes)k,mode=0777" + (readOnly ? ",ro" : "")
      let mount = Process()
      mount.executableURL = URL(fileURLWithPath: "/bin/mount")
      mount.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", path]
      mount.standardError = FileHandle.nullDevice
      guard (try? mount.run()) != nil else { return nil }
      mount.waitUntilExit()
      guard mount.terminationStatus == 0 else { return nil }
    }

    func unmount() {
      let umount = Process()
      umount.executableURL = URL(fileURLWithPath: "/bin/umount")
      umount.arguments = [path]
      try? umount.run()
      umount.waitUntilExit()
    }

    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
  }

  static func cleanable() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    var leads = "name,phone\n"
    for i in 0..<20_000 { leads += "Lead \(i),201-222-\(String(format: "%04d", i % 10_000))\n" }
    try dir.write("leads.csv", leads)
    return dir
  }

  @Test func aFullDiskExits74NamingThePathAndLeavesNoPartialFile() throws {
    let dir = try Self.cleanable()
    defer { dir.remove() }
    guard let disk = TinyDisk(in: dir, name: "full", kilobytes: 64) else { return }
    defer { disk.unmount() }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "full/out.csv", "--suppressed", "full/removed.csv"], in: dir)
    #expect(r.status == 74)
    #expect(
      r.stderr.hasPrefix("scrub: error: I/O error on full/out.csv: No space left on device\n"), "\(r.stderr)")
    #expect(disk.contents == [])
    #expect(try Self.runCount(dir) == 0)
  }

  @Test func aReadOnlyFolderExits73NamingThePath() throws {
    let dir = try Self.cleanable()
    defer { dir.remove() }
    guard let disk = TinyDisk(in: dir, name: "ro", kilobytes: 64, readOnly: true) else { return }
    defer { disk.unmount() }
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "ro/out.csv"], in: dir)
    #expect(r.status == 73)
    #expect(
      r.stderr.hasPrefix("scrub: error: cannot create ro/out.csv: Read-only file system\n"), "\(r.stderr)")
    #expect(disk.contents == [])
    let suppressed = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.contains("suppressed")
    }
    #expect(suppressed == [])
  }

  @Test func aFullStandardOutputExits74() throws {
    let dir = try Self.cleanable()
    defer { dir.remove() }
    let clean = try SpawnedScrub(["clean", "leads.csv", "--no-suppressed"], stdout: "/dev/full", in: dir)
    #expect(clean.wait() == 74)
    #expect(clean.stderr.hasPrefix("scrub: error: I/O error on standard output: No space left on device\n"))
    #expect(try Self.runCount(dir) == 0)
  }

  @Test func aDatabaseOnAFullDiskExits74AndKeepsItsLastSnapshot() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    guard let disk = TinyDisk(in: dir, name: "db", kilobytes: 768) else { return }
    defer { disk.unmount() }
    let env = ["SCRUB_DB": disk.path + "/scrub.db"]
    try dir.write("small.txt", "201,2345678\n")
    #expect(
      try ScrubBinary.run(
        ["registry", "import", "us-ftc", "small.txt", "--kind", "national", "--downloaded-at", "2026-11-20"],
        environment: env, in: dir
      ).status == 0)
    let store = try Store.open(at: disk.path + "/scrub.db", create: false)
    let before = try store.verify()
    try store.close()
    try SpawnedScrub.bench(
      ["registry-gen", "--numbers", "400000", "--area-codes", "20", "--out", "big"], in: dir)
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc"] + Self.files("big", in: dir) + [
        "--force", "--downloaded-at", "2026-11-21",
      ],
      environment: env, in: dir)
    #expect(r.status == 74)
    #expect(
      r.stderr.hasPrefix("scrub: error: I/O error on \(disk.path)/scrub.db: disk full\n"), "\(r.stderr)")
    let reopened = try Store.open(at: disk.path + "/scrub.db", create: false)
    #expect(try reopened.verify() == before)
  }
}
