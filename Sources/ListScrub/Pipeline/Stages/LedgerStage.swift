/// The internal opt-out list: `internal_dnc`, by number or area-code wildcard, global or for the
/// run's campaign (see `OptOutRules`). Nothing exempts a number from it.
final class LedgerStage: NumberStage {
  static let name = "ledger"
  static let reasons: [SuppressionReason] = [.internalDNC]
  static let help = "internal_dnc (the opt-out ledger: nothing exempts a number from it)"

  private let ledger: LedgerLookup

  init?(_ setup: StageSetup) {
    ledger = setup.ledger
  }

  /// The ledger's numbers load while the reader parses the first batch.
  func prepare() throws {
    try ledger.loadNumbers()
  }

  func decide(_ work: inout NumberWork) {
    let blockers = ledger.blockers(sorted: work.openNumbers())
    for k in 0..<work.count where work.isOpen(k) {
      if let blocker = blockers[work.slot(k)] {
        work.remove(k, .internalDNC, ledger.detail(blocker))
      }
    }
  }
}
