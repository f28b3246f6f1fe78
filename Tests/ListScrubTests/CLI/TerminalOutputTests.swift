import Foundation
import Testing

/// Cron logs and pipes get plain text: no progress line, no colors, whatever the environment.
@Suite struct TerminalOutputTests {
  @Test func noProgressOrColorsWhenStderrIsAPipe() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    // Enough rows that the pipeline consults its progress hook several times.
    let rows = (0..<20_000).map { "n\($0),201-222-\(String(format: "%04d", $0 % 10_000))\n" }
    try dir.write("leads.csv", "name,phone\n" + rows.joined())
    let environment = ["TERM": "xterm-256color"]
    let imported = try ScrubBinary.importRegistry(environment: environment, in: dir)
    #expect(!imported.stderr.contains("\r") && !imported.stderr.contains("\u{1B}"))
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--dedupe", "none"], environment: environment, in: dir)
    #expect(r.status == 0)
    #expect(r.stderr.hasPrefix("scrub run 1: leads.csv\nrows read           20,000\n"))
    #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"))
  }
}
