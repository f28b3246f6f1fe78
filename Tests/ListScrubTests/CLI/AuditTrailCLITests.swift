import Foundation
import Testing

@testable import ListScrub

/// The audit trail as a compliance officer searches it, months later and from another folder:
/// absolute paths, filters, readable records, finding the run that wrote a file.
@Suite struct AuditTrailCLITests {
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    return dir
  }

  /// The folder as the scrub's working folder names it (links resolved, as getcwd gives it).
  static func real(_ dir: TestDirectory) -> String {
    URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
  }

  static func runs(_ dir: TestDirectory, _ extra: [String] = []) throws -> [RunRecord] {
    let r = try ScrubBinary.run(["audit", "runs", "--json"] + extra, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONDecoder().decode([RunRecord].self, from: Data(r.stdout.utf8))
  }

  @Test func pathsAreRecordedAbsolute() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
    let r = try ScrubBinary.run(
      ["clean", "./sub/../leads.csv", "-o", "sub/out.csv", "--suppressed", "gone.csv", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let piped = try ScrubBinary.run(["clean", "-", "--quiet"], stdin: "leads.csv", in: dir)
    #expect(piped.status == 0, "\(piped.stderr)")
    let runs = try Self.runs(dir)
    let base = Self.real(dir)
    #expect(runs.count == 2)
    #expect(runs[1].input.path == base + "/leads.csv")
    #expect(runs[1].clean.path == base + "/sub/out.csv")
    #expect(runs[1].suppressed?.path == base + "/gone.csv")
    #expect(runs[0].input.path == "-")
    #expect(runs[0].clean.path == "-")
  }

  @Test func theSummaryNamesTheInputAsTyped() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub run 1: leads.csv\n"), "\(r.stderr)")
  }
}
