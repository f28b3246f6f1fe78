import Foundation

/// The end-of-run summary `scrub clean` prints on stderr: a small aligned table.
public enum CleanReport {
  /// `style` paints the kept and dropped counts on a terminal; plain text otherwise.
  public static func summary(_ run: RunRecord, seconds: Double, style: TextStyle = .plain) -> String {
    let c = run.counts
    func percent(_ n: Int, of total: Int) -> String {
      total == 0 ? "" : String(format: "%5.1f%%", Double(n) * 100 / Double(total))
    }
    var rows: [[String]] = [
      ["rows read", Formatting.count(c.rowsRead), ""],
      ["rows kept", style.paint(Formatting.count(c.rowsKept), .green), percent(c.rowsKept, of: c.rowsRead)],
      [
        "rows dropped", style.paint(Formatting.count(c.rowsDropped), .yellow),
        percent(c.rowsDropped, of: c.rowsRead),
      ],
    ]
    for reason in SuppressionReason.allCases {
      if let n = c.byReason[reason.rawValue], n > 0 {
        rows.append(["  \(reason.rawValue)", Formatting.count(n), ""])
      }
    }
    for (source, n) in c.bySource.sorted(by: { $0.key < $1.key }) {
      rows.append(["    \(source)", Formatting.count(n), ""])
    }
    let exempt = c.exempt.values.reduce(0, +)
    if exempt > 0 {
      rows.append(["numbers exempt", Formatting.count(exempt), ""])
      for (kind, n) in c.exempt.sorted(by: { $0.key < $1.key }) {
        rows.append(["  \(kind)", Formatting.count(n), ""])
      }
    }
    let rate = seconds > 0 ? Formatting.count(Int(Double(c.rowsRead) / seconds)) + " rows/s" : ""
    rows.append(["elapsed", String(format: "%.2f s", seconds), rate])
    let table = Formatting.table(rows.map { [$0[0], $0[1], $0[2]] }, rightAligned: [1])
    return style.paint("scrub run \(run.runID ?? 0): \(run.input.path)", .bold) + "\n" + table
  }
}
