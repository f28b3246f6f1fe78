import Foundation
import Testing

/// Golden cases under `Fixtures/golden/<behaviour>/`: `input.csv` and `args` (one argument a
/// line) go in; `clean.csv`, `input.suppressed.csv` and `report.json` must come out byte for
/// byte. The store is new for each case and holds `registry-us-ftc-2026-11-20.txt`; the clock is
/// fixed; the report's paths, absolute, start `$DIR/` for the test's folder. A case may bring more files and a `setup` file: `scrub` commands (arguments split on
/// spaces), one a line, run in order before the scrub (opt-outs, consents, change lists). `SCRUB_UPDATE_GOLDEN=1 swift test --filter Golden` rewrites the expected files (review
/// the diff before committing it).
@Suite struct GoldenTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
      .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/args").path) }
      .sorted()
  }

  static let outputs = ["clean.csv", "input.suppressed.csv", "report.json"]

  @Test(arguments: cases)
  func golden(_ name: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let source = Self.root.appendingPathComponent(name)
    let expectedOutputs = Set(Self.outputs + ["args", "setup"])
    for file in try FileManager.default.contentsOfDirectory(atPath: source.path)
    where !expectedOutputs.contains(file) {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(file), to: dir.url.appendingPathComponent(file))
    }
    try FileManager.default.copyItem(
      at: Self.root.appendingPathComponent("registry-us-ftc-2026-11-20.txt"),
      to: dir.url.appendingPathComponent("registry.txt"))
    let imported = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "registry.txt", "--kind", "national", "--downloaded-at", "2026-11-20",
      ],
      in: dir)
    #expect(imported.status == 0)
    if let setup = try? String(contentsOf: source.appendingPathComponent("setup"), encoding: .utf8) {
      for line in setup.split(separator: "\n") where !line.hasPrefix("#") {
        let step = try ScrubBinary.run(line.split(separator: " ").map(String.init), in: dir)
        #expect(step.status == 0, "setup `\(line)`: \(step.stderr)")
      }
    }
    let args = try String(contentsOf: source.appendingPathComponent("args"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let run = try ScrubBinary.run(
      ["clean", "input.csv", "-o", "clean.csv", "--report", "report.json", "--quiet"] + args, in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "")
    // Batching never changes the outputs: every row its own batch gives the same files.
    let tiny = try ScrubBinary.run(
      ["clean", "input.csv", "-o", "tiny.csv", "--suppressed", "tiny.suppressed.csv", "--quiet"] + args,
      environment: ["SCRUB_BATCH_ROWS": "1"], in: dir)
    #expect(tiny.status == 0, "\(tiny.stderr)")
    for (a, b) in [("clean.csv", "tiny.csv"), ("input.suppressed.csv", "tiny.suppressed.csv")] {
      let big = try? Data(contentsOf: dir.url.appendingPathComponent(a))
      let small = try? Data(contentsOf: dir.url.appendingPathComponent(b))
      #expect(big == small, "\(name): \(a) differs when every row is its own batch")
    }
    // The record holds absolute paths: the test folder, which changes each run, is `$DIR`.
    let folder = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path + "/"
    for output in Self.outputs {
      var produced = try Data(contentsOf: dir.url.appendingPathComponent(output))
      if output == "report.json" {
        produced = Data(
          String(decoding: produced, as: UTF8.self).replacingOccurrences(of: folder, with: "$DIR/").utf8)
      }
      let expectedURL = source.appendingPathComponent(output)
      if ProcessInfo.processInfo.environment["SCRUB_UPDATE_GOLDEN"] == "1" {
        try produced.write(to: expectedURL)
        continue
      }
      let expected = try Data(contentsOf: expectedURL)
      #expect(
        produced == expected,
        "\(name)/\(output) differs:\n\(String(decoding: produced, as: UTF8.self))")
    }
  }
}
