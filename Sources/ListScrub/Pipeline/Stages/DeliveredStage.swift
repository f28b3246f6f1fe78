/// `delivered` (`--campaign C --skip-delivered DAYS`): a number an earlier run of the same
/// campaign delivered in its clean file within DAYS days, so that a dialer is not handed it
/// twice. The detail names the newest such run and its date. Nothing exempts a number from it.
final class DeliveredStage: NumberStage {
  static let name = "delivered"
  static let reasons: [SuppressionReason] = [.delivered]
  static let help = "delivered (--skip-delivered: in an earlier clean file of the campaign)"

  private let deliveries: DeliveryLookup

  init?(_ setup: StageSetup) {
    guard let deliveries = setup.deliveries else { return nil }
    self.deliveries = deliveries
  }

  func prepare() throws {
    try deliveries.prepare()
  }

  func decide(_ work: inout NumberWork) {
    let found = deliveries.deliveries(sorted: work.openNumbers())
    for k in 0..<work.count where work.isOpen(k) {
      let run = Int(found[work.slot(k)])
      guard run >= 0 else { continue }
      work.remove(k, .delivered, deliveries.detail(run))
    }
  }
}
