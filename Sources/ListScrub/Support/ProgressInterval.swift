/// How often the row loops (`clean`, the ledger imports) call their progress display: every
/// `rows` rows.
enum ProgressInterval {
  /// A power of two, so the per-row check is a mask.
  static let rows = 4096
}
