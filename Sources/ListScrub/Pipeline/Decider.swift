/// The writing thread's judge: runs the number stages over each batch, in stage order, and keeps
/// what they count. It decides; `OutputRows` writes.
final class Decider {
  private let stages: [any NumberStage]
  private var numbersChecked = 0
  private var exempt: [String: Int] = [:]

  init(_ setup: StageSetup) throws {
    stages = try ScrubStages.numberStages(setup)
  }

  /// Each stage's one-time work (the ledger's numbers), timed under "NAME load".
  func prepare(_ times: inout PhaseTimes) throws {
    for stage in stages {
      try stage.prepare()
      times.lap("\(type(of: stage).name) load")
    }
  }

  /// The verdicts on `batch`'s numbers, each stage timed under its name.
  func decide(_ batch: PipelineBatch, _ times: inout PhaseTimes) throws -> NumberWork {
    var work = NumberWork(batch)
    numbersChecked += work.count
    for stage in stages {
      try stage.decide(&work)
      times.lap(type(of: stage).name)
    }
    // Exemptions count for the numbers kept on them: a later stage (the country's rule, the
    // calling window) may still have suppressed an exempt number.
    for k in 0..<work.count where work.isOpen(k) {
      if let kind = work.candidates[k].exemptionKind { exempt[kind.rawValue, default: 0] += 1 }
    }
    return work
  }

  /// Adds the numbers checked, the exemptions and each stage's own counts to `counts`.
  func count(into counts: inout RunRecord.Counts) {
    counts.numbersChecked += numbersChecked
    for (kind, n) in exempt { counts.exempt[kind, default: 0] += n }
    for stage in stages { stage.count(into: &counts) }
  }
}
