import Foundation
import Testing

@testable import ListScrub

/// `scrub clean big.csv | head -2`: standard output is a pipe whose reader takes a little and
/// closes it. The run must not be recorded as if the reader had every row (docs/outputs.md).
@Suite struct ClosedPipeCLITests {
  /// Starts `scrub clean` on `rows` rows with standard output to a pipe, reads `bytes` bytes,
  /// closes the pipe (like `| head`), and returns the first bytes, the exit status and stderr.
  static func cutShort(rows: Int, reading bytes: Int, extra: [String] = [], in dir: TestDirectory) throws -> (
    first: String, status: Int32, stderr: String
  ) {
    let lines = (0..<rows).map { "n\($0),201-222-\(String(format: "%04d", $0 % 10_000))\n" }
    try dir.write("big.csv", "name,phone\n" + lines.joined())
    let process = ScrubBinary.process(
      ["clean", "big.csv", "--no-suppressed", "--dedupe", "none"] + extra, in: dir)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let first = out.fileHandleForReading.readData(ofLength: bytes)
    try out.fileHandleForReading.close()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      String(decoding: first, as: UTF8.self), process.terminationStatus,
      String(decoding: stderr, as: UTF8.self)
    )
  }

  static func recordedRuns(_ dir: TestDirectory) throws -> [RunRecord] {
    let r = try ScrubBinary.run(["audit", "runs", "--json"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONDecoder().decode([RunRecord].self, from: Data(r.stdout.utf8))
  }

  /// About 845 rows: the whole clean file fits in the pipe's 64 KiB, so every write succeeds
  /// before the reader closes. It used to be recorded with every row kept.
  @Test func anOutputThatFitsThePipeButIsNotReadIsNotRecorded() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    let cut = try Self.cutShort(rows: 845, reading: 100, in: dir)
    #expect(cut.first.hasPrefix("name,phone,phone_e164,scrub_exemption,scrub_basis\n"))
    #expect(cut.status == 0, "\(cut.stderr)")
    #expect(
      cut.stderr
        == "scrub: note: standard output was closed before its reader took all of it: the run is not recorded (write the outputs to files, -o FILE, for a recorded run)\n"
    )
    #expect(try Self.recordedRuns(dir).isEmpty)
  }

  /// A file much larger than the pipe: the write fails (EPIPE) mid-run.
  @Test func aLargeOutputCutShortIsNotRecorded() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    let cut = try Self.cutShort(rows: 200_000, reading: 64, in: dir)
    #expect(cut.status == 0, "\(cut.stderr)")
    #expect(cut.stderr.hasPrefix("scrub: note: standard output was closed"), "\(cut.stderr)")
    #expect(try Self.recordedRuns(dir).isEmpty)
    // --quiet: no note, the same outcome.
    let quiet = try Self.cutShort(rows: 200_000, reading: 64, extra: ["--quiet"], in: dir)
    #expect(quiet.status == 0)
    #expect(quiet.stderr == "")
    #expect(try Self.recordedRuns(dir).isEmpty)
  }

  /// A reader that takes every byte (to the end) gets a recorded run, its hash that of the bytes.
  @Test func aReaderThatTakesEverythingGetsARecordedRun() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    let lines = (0..<845).map { "n\($0),201-222-\(String(format: "%04d", $0 % 10_000))\n" }
    try dir.write("big.csv", "name,phone\n" + lines.joined())
    let r = try ScrubBinary.run(
      ["clean", "big.csv", "--no-suppressed", "--dedupe", "none", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let runs = try Self.recordedRuns(dir)
    #expect(runs.count == 1)
    #expect(runs.first?.clean.sha256 == SHA256.hex(of: Array(r.stdout.utf8)))
    #expect(runs.first?.counts.rowsKept == 845)
  }
}
