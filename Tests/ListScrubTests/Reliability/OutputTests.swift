import Foundation
import GRDB
import Testing

@testable import ListScrub

#if canImport(Glibc)
  import Glibc
#endif

/// Outputs as a careless user or an attacker picks them (issue 12): an output that is the input,
/// the database or another output; two outputs on standard output; a FIFO or a device; and runs
/// that fail after opening their outputs. Each runs the binary and checks the exit code and what
/// is left on disk: all or nothing.
@Suite struct OutputTests {
  static let leads = "name,phone\nA,201-234-5678\nB,201-222-3333\n"

  /// A database with a one-number registry and a two-row `leads.csv`.
  static func scrubbable() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", leads)
    return dir
  }

  /// What the folder holds, the database's own files aside.
  static func entries(_ dir: TestDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix("scrub.db") && !$0.hasPrefix(".stdout-") && !$0.hasPrefix(".stderr-")
    }.sorted()
  }

  static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  // MARK: - Two names, one file

  @Test(arguments: [
    ["clean", "leads.csv", "-o", "scrub.db", "--no-suppressed"],
    ["clean", "leads.csv", "-o", "out.csv", "--suppressed", "scrub.db"],
    ["clean", "leads.csv", "-o", "out.csv", "--report", "db-link"],
    ["optout", "export", "-o", "scrub.db"],
    ["optout", "export", "-o", "db-link"],
  ])
  func theDatabaseIsNeverAnOutput(arguments: [String]) throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/db-link", withDestinationPath: "scrub.db")
    let database = Self.bytes(dir.database)
    let before = try Self.entries(dir)
    let r = try ScrubBinary.run(arguments, in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    let named = arguments.firstIndex { $0 == "scrub.db" || $0 == "db-link" }!
    #expect(
      r.stderr.hasPrefix(
        "scrub: error: \(arguments[named - 1]) \(arguments[named]) is the database (\(dir.database))\n"),
      "\(r.stderr)")
    #expect(Self.bytes(dir.database) == database)
    #expect(try Self.entries(dir) == before)
  }

  @Test(arguments: [
    ["clean", "leads.csv", "-o", "leads.csv", "--no-suppressed"],
    ["clean", "leads.csv", "-o", "out.csv", "--suppressed", "leads.csv"],
    ["clean", "leads.csv", "-o", "out.csv", "--report", "./leads.csv"],
    ["clean", "leads.csv", "-o", "second-name.csv"],
    ["clean", "-", "-o", "leads.csv"],
  ])
  func theInputIsNeverAnOutput(arguments: [String]) throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    // A second name (hard link) of the input.
    #expect(link(dir.path + "/leads.csv", dir.path + "/second-name.csv") == 0)
    let before = try Self.entries(dir)
    let r = try ScrubBinary.run(arguments, stdin: arguments[1] == "-" ? "leads.csv" : nil, in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    let named = arguments.lastIndex { $0.hasSuffix("leads.csv") || $0 == "second-name.csv" }!
    let shown =
      arguments[1] == "-" ? " (standard input)" : arguments[named] == "leads.csv" ? "" : " (leads.csv)"
    #expect(
      r.stderr.hasPrefix("scrub: error: \(arguments[named - 1]) \(arguments[named]) is the input\(shown)\n"),
      "\(r.stderr)")
    #expect(Self.bytes(dir.path + "/leads.csv") == Data(Self.leads.utf8))
    #expect(try Self.entries(dir) == before)
    #expect(try FaultTests.runCount(dir) == 0)
  }

  @Test(arguments: [
    (["-o", "c.csv", "--report", "c.csv"], "--report c.csv and -o c.csv are the same file"),
    (["-o", "c.csv", "--suppressed", "./c.csv"], "--suppressed ./c.csv and -o c.csv are the same file"),
    (
      ["-o", "sub/../c.csv", "--suppressed", "c.csv"],
      "--suppressed c.csv and -o sub/../c.csv are the same file"
    ),
    (
      ["-o", "old.csv", "--report", "old-link.csv"], "--report old-link.csv and -o old.csv are the same file"
    ),
  ])
  func twoOutputsAreNeverOneFile(arguments: [String], message: String) throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: false)
    try dir.write("old.csv", "the file as it was\n")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/old-link.csv", withDestinationPath: "old.csv")
    let before = try Self.entries(dir)
    let r = try ScrubBinary.run(["clean", "leads.csv"] + arguments, in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: error: \(message)\n"), "\(r.stderr)")
    #expect(try Self.entries(dir) == before)
    #expect(Self.bytes(dir.path + "/old.csv") == Data("the file as it was\n".utf8))
    #expect(try FaultTests.runCount(dir) == 0)
  }

  @Test(arguments: [
    (["--suppressed", "-"], "-o - and --suppressed - both name standard output"),
    (
      ["-o", "out.csv", "--suppressed", "-", "--report", "-"],
      "--suppressed - and --report - both name standard output"
    ),
    (
      ["--suppressed", "-", "--report", "-"],
      "-o - and --suppressed - and --report - all name standard output"
    ),
  ])
  func atMostOneOutputIsStandardOutput(arguments: [String], message: String) throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv"] + arguments, in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: error: \(message)\n"), "\(r.stderr)")
    #expect(r.stdout == "")
    #expect(try Self.entries(dir) == ["leads.csv", "registry.txt"])
  }

  // MARK: - Special files

  @Test func aFIFOIsWrittenInPlaceAndStaysAFIFO() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    let fifo = dir.path + "/dialer.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    // The dialer reads the FIFO in its own process; the timeout ends it if nothing ever comes.
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    reader.arguments = ["60", "cat", fifo]
    FileManager.default.createFile(atPath: dir.path + "/got.csv", contents: nil)
    reader.standardOutput = try FileHandle(forWritingTo: dir.url.appendingPathComponent("got.csv"))
    try reader.run()
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "dialer.fifo", "--no-suppressed", "--quiet"], in: dir)
    reader.waitUntilExit()
    #expect(r.status == 0, "\(r.stderr)")
    #expect(reader.terminationStatus == 0)
    #expect(
      try String(contentsOfFile: dir.path + "/got.csv", encoding: .utf8)
        == "name,phone,phone_e164,scrub_exemption,scrub_basis\nB,201-222-3333,+12012223333,,checked against us-ftc snapshot 2026-11-20\n"
    )
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    #expect(try Self.entries(dir) == ["dialer.fifo", "got.csv", "leads.csv", "registry.txt"])
    #expect(try FaultTests.runCount(dir) == 1)
  }

  /// Both outputs on the null device: allowed (nothing is lost), and it stays a device.
  @Test func theNullDeviceStaysADevice() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "/dev/null", "--suppressed", "/dev/null", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    var info = stat()
    #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix(".null.") } == [])
    #expect(try FaultTests.runCount(dir) == 1)
  }

  /// `/dev/stdout` on a pipe is the pipe, written in place; the link stays; it is `-` as well.
  @Test func devStdoutIsWrittenInPlaceAndIsStandardOutput() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "/dev/stdout", "--no-suppressed", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout
        == "name,phone,phone_e164,scrub_exemption,scrub_basis\nB,201-222-3333,+12012223333,,checked against us-ftc snapshot 2026-11-20\n"
    )
    var info = stat()
    #expect(lstat("/dev/stdout", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    let both = try ScrubBinary.run(["clean", "leads.csv", "-o", "/dev/stdout", "--suppressed", "-"], in: dir)
    #expect(both.status == 64, "\(both.stderr)")
    #expect(
      both.stderr.hasPrefix("scrub: error: --suppressed - and -o /dev/stdout are the same file\n"),
      "\(both.stderr)")
    #expect(both.stdout == "")
  }

  // MARK: - All or nothing

  /// A run that fails after opening its outputs, or whose record cannot be written, leaves no
  /// output and no run record (it once left the clean file, and for --report, the record too).
  @Test(arguments: [
    (["--suppressed", "folder"], Int32(73), "scrub: error: cannot create folder: it is a folder\n"),
    (
      ["--report", "missing/run.json"], Int32(73),
      "scrub: error: cannot create missing/run.json: No such file"
    ),
  ])
  func aRunThatCannotOpenAnOutputWritesNothing(arguments: [String], status: Int32, message: String) throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/folder", withIntermediateDirectories: false)
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv"] + arguments, in: dir)
    #expect(r.status == status, "\(r.stderr)")
    #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
    #expect(try Self.entries(dir) == ["folder", "leads.csv", "registry.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/folder") == [])
    #expect(try FaultTests.runCount(dir) == 0)
  }

  @Test func aReadOnlyDatabaseScrubsNothingAndWritesNothing() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    // Root writes through file modes, so as root the database file is mounted read-only on itself.
    let mounted = Self.shell("/bin/mount", ["--bind", dir.database, dir.database])
    defer { if mounted { _ = Self.shell("/bin/umount", [dir.database]) } }
    if mounted {
      #expect(Self.shell("/bin/mount", ["-o", "remount,bind,ro", dir.database]))
    } else {
      #expect(chmod(dir.database, 0o400) == 0)
    }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json"], in: dir)
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: error: I/O error on \(dir.database): "), "\(r.stderr)")
    #expect(r.stderr.contains("every run is recorded there, so nothing was scrubbed"), "\(r.stderr)")
    #expect(try Self.entries(dir) == ["leads.csv", "registry.txt"])
  }

  /// The record is written, and refused, inside the transaction that also writes the report:
  /// the outputs, synced and ready, are removed instead of put in place.
  @Test func aRunWhoseRecordIsRefusedRemovesItsOutputs() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    try DatabaseQueue(path: dir.database).write { db in
      try db.execute(
        sql: "CREATE TRIGGER refuse_runs BEFORE INSERT ON scrub_run BEGIN SELECT RAISE(ABORT, 'refused'); END"
      )
    }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json"], in: dir)
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: error: I/O error on \(dir.database): refused\n"), "\(r.stderr)")
    #expect(try Self.entries(dir) == ["leads.csv", "registry.txt"])
    #expect(try FaultTests.runCount(dir) == 0)
  }

  /// A finished run: every output in place, the report naming the recorded run and the hashes.
  @Test func aFinishedRunPutsEveryOutputInPlaceWithItsRecord() throws {
    let dir = try Self.scrubbable()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try Self.entries(dir) == ["leads.csv", "leads.suppressed.csv", "out.csv", "registry.txt", "run.json"])
    let report = try String(contentsOfFile: dir.path + "/run.json", encoding: .utf8)
    #expect(report.contains("\"run_id\" : 1,"))
    let clean = SHA256.hex(of: Self.bytes(dir.path + "/out.csv")!)
    #expect(report.contains("\"sha256\" : \"\(clean)\""))
    let stored = try ScrubBinary.run(["audit", "show", "1", "--json"], in: dir)
    #expect(stored.stdout == report, "the report is the stored record")
  }

  static func shell(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
