/// The stages of `scrub clean`, in the order they run: the one list the run record's `rules`,
/// `scrub help clean` and the reason counters are derived from.
///
/// The order decides which reason a row or number is counted under: a stage sees only what every
/// earlier stage let through. Row stages run on the reading thread, one row at a time; number
/// stages run on the writing thread, one batch at a time, over the numbers still open. Every row
/// stage comes before every number stage.
///
/// Adding a stage is a type and a line here. For example, a stage that suppresses numbers a
/// campaign was sent before:
///
/// ```swift
/// final class DeliveredStage: NumberStage {
///   static let name = "delivered"
///   static let reasons: [SuppressionReason] = [.delivered]
///   static let help = "delivered (--skip-delivered)"
///   init?(_ setup: StageSetup) throws { guard setup.options.skipDelivered != nil else { return nil } }
///   func decide(_ work: inout NumberWork) throws {
///     for k in work.open where delivered(work.candidates[k].number) {
///       work.remove(k, .delivered, "delivered by run 12 on 2026-11-30")
///     }
///   }
/// }
/// ```
///
/// and `.numbers(DeliveredStage.self)` in ``ScrubStages/order`` where it belongs. `SuppressionReason`
/// declares its cases in this same order (a test holds it to the list), so that its `index`
/// gives the order the suppressed file lists a row's removals in.
enum ScrubStages {
  enum Entry {
    case row(any RowStage.Type)
    case numbers(any NumberStage.Type)

    var stage: any ScrubStage.Type {
      switch self {
      case .row(let type): type
      case .numbers(let type): type
      }
    }
  }

  nonisolated(unsafe) static let order: [Entry] = [
    .row(ShapeStage.self),
    .row(PhoneStage.self),
    .row(AddressStage.self),
    .row(FilterStage.self),
    .numbers(DedupeStage.self),
    .numbers(DeliveredStage.self),
    .numbers(LedgerStage.self),
    .numbers(ReassignedStage.self),
    .numbers(RegistryStage.self),
    .numbers(CoverageStage.self),
    .numbers(ConsultedStage.self),
    .numbers(CountryStage.self),
    .numbers(HoursStage.self),
  ]

  /// Every reason, in stage order (a reason two stages give counts where it first appears):
  /// what the run record's `rules` lists.
  static let reasons: [SuppressionReason] = {
    var seen = Set<SuppressionReason>()
    return order.flatMap { $0.stage.reasons }.filter { seen.insert($0).inserted }
  }()

  /// The row stages this run uses, in order.
  static func rowStages(_ setup: StageSetup) throws -> [any RowStage] {
    try order.compactMap { entry in
      if case .row(let type) = entry { return try type.init(setup) }
      return nil
    }
  }

  /// The number stages this run uses, in order.
  static func numberStages(_ setup: StageSetup) throws -> [any NumberStage] {
    try order.compactMap { entry in
      if case .numbers(let type) = entry { return try type.init(setup) }
      return nil
    }
  }
}

/// One stage of the scrub (see ``ScrubStages``).
protocol ScrubStage: AnyObject {
  /// The stage's name in traces (`SCRUB_TRACE=1`).
  static var name: String { get }
  /// The reasons it gives, in the order the run record lists them.
  static var reasons: [SuppressionReason] { get }
  /// How `scrub help clean` names it in the list of stages.
  static var help: String { get }
  /// The stage as this run needs it, or nil when the run does not use it (no `--where`: no
  /// filter).
  init?(_ setup: StageSetup) throws
}

/// A stage that judges one row at a time, on the reading thread.
protocol RowStage: ScrubStage {
  /// Judges `row`, adding to `work`'s removals and candidate numbers. Returns false when the row
  /// is settled: no later row stage sees it.
  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool
}

/// A stage that judges a batch's open numbers at once, on the writing thread.
protocol NumberStage: ScrubStage {
  /// Runs once on the writing thread before the first batch, while the reader parses it.
  func prepare() throws
  /// Judges the batch's open numbers: removes some, marks exemptions on others.
  func decide(_ work: inout NumberWork) throws
  /// Adds the stage's own counts to the run's, at the end.
  func count(into counts: inout RunRecord.Counts)
}

extension NumberStage {
  func prepare() throws {}
  func count(into counts: inout RunRecord.Counts) {}
}

extension RunRecord.Counts {
  /// Fills the figures that follow from the others, once every stage has counted: the numbers
  /// suppressed and their reasons, and the `not_covered` numbers' next step.
  mutating func settle() {
    numbersByReason = byReason.filter { SuppressionReason(rawValue: $0.key)?.isNumberReason ?? false }
    numbersSuppressed = numbersByReason.values.reduce(0, +)
    if var notCovered {
      notCovered.nextStep = NotCovered.nextStep(
        areaCodes: notCovered.areaCodes, sources: notCovered.sources, countries: notCovered.countries,
        consulted: notCovered.consulted ?? [:])
      self.notCovered = notCovered
    }
  }
}
