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
  /// Longer values (`Florida`) already read: a column holds few distinct ones. (Touched by the
  /// reading thread only.)
  @exclusivity(unchecked) private var names: [String: UInt16] = [:]

  init?(_ setup: StageSetup) {
    guard let column = setup.plan.stateColumn else { return nil }
    self.column = column
  }

  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool {
    guard column < row.count else {
      work.address = 0
      return true
    }
    let bytes = row.bytes(column)
    if bytes.count <= 2 {
      work.address = Subdivision.code(bytes: bytes)
    } else {
      let text = String(decoding: bytes, as: UTF8.self)
      if let known = names[text] {
        work.address = known
      } else {
        let code = Subdivision.code(text)
        if names.count < 10_000 { names[text] = code }
        work.address = code
      }
    }
    return true
  }
}
