import Foundation
import Testing

/// Issue 15, item 7: two outputs on standard output would interleave, so `clean` refuses them
/// (64) before it reads the input or records a run — `-`, and any other name for standard output
/// (`/dev/stdout`, `/dev/fd/1`), alike. `clean` is the only command with more than one output.
@Suite struct StandardOutputCLITests {
  @Test(arguments: [
    (["leads.csv", "-o", "-", "--report", "-"], "-o - and --report - both name standard output"),
    (["leads.csv", "-o", "-", "--suppressed", "-"], "-o - and --suppressed - both name standard output"),
    (["-", "--report", "-"], "-o - and --report - both name standard output"),
    (["leads.csv", "--report", "/dev/stdout"], "--report /dev/stdout and -o - are the same file"),
    (
      ["leads.csv", "-o", "/dev/fd/1", "--suppressed", "-"],
      "--suppressed - and -o /dev/fd/1 are the same file"
    ),
  ])
  func twoOutputsOnStandardOutputAreRefused(arguments: [String], message: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-555-0123\n")
    let r = try ScrubBinary.run(["clean"] + arguments, stdin: "leads.csv", in: dir)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: error: \(message)\n"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(try FaultTests.runCount(dir) == 0)
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/leads.suppressed.csv"))
  }
}
