import Foundation
import ListScrub

/// Answers the latest query of a consulted source as the registry would, and records the answers
/// through `Store.recordConsultation` (no answer file): every queried number answered, a share
/// of them listed (chosen by a hash of the number, so repeatable), the rest clear. For the
/// consultation benchmark (scripts/bench-consultation-clean.sh): a scrub against 1M answers.
///
///     scrub-bench consultation-answer --db bench-data/x.db --source us-wash --kind custom --listed 0.05
struct ConsultationAnswer {
  var db = ""
  var source = "us-wash"
  var kind = RegistryKind.custom
  var listedShare = 0.05
  var answeredAt = "2026-11-21T08:00:00Z"
  var maxAgeDays = 30

  init(arguments: [String]) throws {
    let options = try BenchArguments(
      arguments, options: ["--db", "--source", "--kind", "--listed", "--answered-at", "--max-age-days"])
    db = options.string("--db", db)
    source = options.string("--source", source)
    kind = RegistryKind(rawValue: options.string("--kind", kind.rawValue)) ?? .custom
    listedShare = try options.double("--listed", listedShare)
    answeredAt = options.string("--answered-at", answeredAt)
    maxAgeDays = try options.int("--max-age-days", maxAgeDays)
  }

  func run() throws {
    let store = try Store.open(at: db, create: false)
    let answered = Timestamp.parse(answeredAt)!
    let started = Date()
    var count = 0
    let id = try store.recordConsultation(
      answeringLatestQueryOf: source, kind: kind, maxAgeDays: maxAgeDays, now: answered,
      recordedBy: "scrub-bench",
      toolVersion: "bench"
    ) { query, sourceID in
      let numbers = try query.queriedNumbers() ?? []
      count = numbers.count
      var answers = ConsultationAnswers(
        sourceID: sourceID, queryID: query.id, format: kind == .reassigned ? .rndResult : .listedResult,
        fileName: "bench-answer.csv", fileSHA256: String(repeating: "0", count: 63) + String(query.id % 10),
        answeredAt: answered)
      answers.expiresAt = answered.addingTimeInterval(Double(maxAgeDays) * 86_400)
      answers.rowsRead = numbers.count
      let cut = UInt64(listedShare * Double(UInt64.max))
      for n in numbers {
        // splitmix64 of the number: a repeatable, well-spread choice.
        var z = UInt64(bitPattern: n) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        if z < cut { answers.listed.append(n) } else { answers.clear.append(n) }
      }
      return answers
    }
    let seconds = Date().timeIntervalSince(started)
    print(
      "consultation \(id) of \(source): \(count) answers recorded in \(String(format: "%.2f", seconds)) s")
  }
}
