import Foundation
import Testing

@testable import ListScrub

/// A consulted registry (the Lista Robinson) has answers, not snapshots: `registry list`,
/// `registry check`, `registry history` and `check` must say how current its answers are, not
/// "STALE, 0 numbers" or "not loaded" (a cron job's `registry check` would fail for ever).
@Suite struct ConsultedSourceStatusCLITests {
  /// Queries es-robinson for two Spanish numbers at 12:00 and imports its answer (the first
  /// listed, the second clear), answered at 12:30 on 2026-11-22: it expires 30 days later.
  static func consulted() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("leads.csv", "name,phone\na,+34 612 345 678\nb,+34 622 345 678\n")
    try dir.write("answer.csv", "+34612345678,1,01#02,sigA\n+34622345678,0,,sigB\n")
    let query = try ScrubBinary.run(
      [
        "registry", "query", "es-robinson", "leads.csv", "--format", "robinson", "--country", "ES", "-o",
        "q.csv",
      ],
      environment: ["SCRUB_NOW": "2026-11-22T12:00:00Z"], in: dir)
    #expect(query.status == 0, "\(query.stderr)")
    let answer = try ScrubBinary.run(
      [
        "registry", "import", "es-robinson", "answer.csv", "--format", "robinson-result", "--kind",
        "national",
        "--answered-at", "2026-11-22T12:30:00Z",
      ], environment: ["SCRUB_NOW": "2026-11-22T13:00:00Z"], in: dir)
    #expect(answer.status == 0, "\(answer.stderr)")
    return dir
  }

  @Test func theListShowsTheAnswersNotAnEmptyStaleSnapshot() throws {
    let dir = try Self.consulted()
    let now = ["SCRUB_NOW": "2026-11-23T13:00:00Z"]
    let text = try ScrubBinary.run(["registry", "list"], environment: now, in: dir)
    #expect(text.status == 0)
    let row = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("es-robinson") })
    let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    #expect(cells.prefix(4) == ["es-robinson", "national", "ES", "2"])
    #expect(row.contains("2026-11-22 answered"))
    #expect(cells.contains("1d") && cells.contains("30d") && cells.contains("ok"))
    #expect(row.hasSuffix("consulted per number"))
    #expect(!row.contains("STALE"))

    let json = try ScrubBinary.run(["registry", "list", "--json"], environment: now, in: dir)
    let list = try JSONDecoder().decode([SourceStatus].self, from: Data(json.stdout.utf8))
    let source = try #require(list.first)
    #expect(source.access == .consult)
    #expect(!source.stale)
    #expect(source.numbers == 2)
    #expect(source.consulted?.consultations == 1)
    #expect(source.consulted?.current == 1)
    #expect(source.consulted?.lastExpiresAt == "2026-12-22T12:30:00Z")

    // Once the answer expires, no number has a current answer.
    let later = try ScrubBinary.run(
      ["registry", "list"], environment: ["SCRUB_NOW": "2026-12-22T12:30:00Z"], in: dir)
    let expired = try #require(later.stdout.split(separator: "\n").first { $0.hasPrefix("es-robinson") })
    #expect(expired.contains("EXPIRED"))
    #expect(expired.split(separator: " ", omittingEmptySubsequences: true)[3] == "0")
  }

  @Test func registryCheckPassesUntilTheNewestAnswerExpires() throws {
    let dir = try Self.consulted()
    let fresh = try ScrubBinary.run(
      ["registry", "check", "es-robinson"], environment: ["SCRUB_NOW": "2026-12-22T12:29:59Z"], in: dir)
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(
      fresh.stdout.contains("es-robinson: fresh (consulted; newest answer 2026-11-22, expires 2026-12-22)"))

    let stale = try ScrubBinary.run(
      ["registry", "check"], environment: ["SCRUB_NOW": "2026-12-22T12:30:00Z"], in: dir)
    #expect(stale.status == 65)
    #expect(
      stale.stdout.contains("es-robinson: STALE (consulted; newest answer 2026-11-22, expired 2026-12-22)"))
    #expect(stale.stderr.contains("its newest answer (2026-11-22) expired 2026-12-22"))
    #expect(stale.stderr.contains("hint: consult it again: scrub registry query es-robinson"))

    // A stricter --max-age-days judges the answer's age instead.
    let strict = try ScrubBinary.run(
      ["registry", "check", "--max-age-days", "0"], environment: ["SCRUB_NOW": "2026-11-23T13:00:00Z"],
      in: dir)
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("is older than 0 days"))
  }

  @Test func checkNamesTheConsultationInsteadOfNoneLoaded() throws {
    let dir = try Self.consulted()
    let r = try ScrubBinary.run(
      ["check", "+34612345678"], environment: ["SCRUB_NOW": "2026-11-23T13:00:00Z"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("NONE LOADED"))
    #expect(!r.stdout.contains("no registry sources"))
    #expect(
      r.stdout.contains(
        "registry: es-robinson (national): consulted per number, newest answer 2026-11-22 (expires 2026-12-22)"
      ))
  }

  @Test func historyPointsToTheConsultations() throws {
    let dir = try Self.consulted()
    let r = try ScrubBinary.run(["registry", "history", "es-robinson"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.contains("es-robinson is consulted, not downloaded"))
    #expect(r.stdout.contains("scrub audit consultations --source es-robinson"))
  }
}
