/// The row's address for the calling window (`--call-at`, `--call-windows`): its state column's
/// cell (`--state-column`, else a `state`, `st`, `province` or `region` header) read as a US
/// state or Canadian province (`Subdivision`). It removes nothing: the hours stage judges each
/// number by its own rules and by its row's state's, the stricter winning, and counts the
/// numbers whose row's value it could not read.
final class AddressStage: RowStage {
  static let name = "address"
  static let reasons: [SuppressionReason] = []
  static let help = "address (--state-column: the row's state, for the calling window)"

  private let column: Int

  init?(_ setup: StageSetup) {
    guard let column = setup.plan.stateColumn else { return nil }
    self.column = column
  }

  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool {
    work.address = column < row.count ? Subdivision.code(row.string(column)) : 0
    return true
  }
}
