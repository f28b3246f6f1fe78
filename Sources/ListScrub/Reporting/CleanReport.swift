import Foundation

/// The end-of-run summary `scrub clean` prints on stderr: a small aligned table in two blocks
/// that each add up. Rows: read = kept + dropped, and the dropped rows by their first reason (in
/// stage order) sum to the dropped. Numbers: checked = kept + suppressed, and the reasons under
/// "numbers suppressed" sum to it; a reason's own breakdown (registry sources, the area codes or
/// countries of `not_covered`) sits under it. The `not_covered` next step follows the table.
public enum CleanReport {
  /// How many area codes (or countries) `not_covered` names before "N more".
  public static let uncoveredShown = 10

  /// `style` paints the kept and dropped counts on a terminal; plain text otherwise. `input` is
  /// the input as the user typed it (the record holds it absolute).
  public static func summary(
    _ run: RunRecord, seconds: Double, style: TextStyle = .plain, input: String? = nil
  ) -> String {
    let c = run.counts
    var rows = countRows(run, style: style)
    let rate = seconds > 0 ? Formatting.count(Int(Double(c.rowsRead) / seconds)) + " rows/s" : ""
    rows.append(["elapsed", String(format: "%.2f s", seconds), rate])
    let table = Formatting.table(rows.map { [$0[0], $0[1], $0[2]] }, rightAligned: [1])
    let title = run.runID.map { "scrub run \($0)" } ?? "scrub dry run"
    var text = style.paint("\(title): \(input ?? run.input.path)", .bold) + "\n" + table
    text += "\ncallable until " + run.callabilityText
    if let step = c.notCovered?.nextStep, !step.isEmpty {
      text += "\nnot_covered, next step: " + step
    }
    return text
  }

  /// The summary's table rows (label, count, note), the elapsed line aside: `audit show` prints
  /// them too.
  public static func countRows(_ run: RunRecord, style: TextStyle = .plain) -> [[String]] {
    let c = run.counts
    func percent(_ n: Int, of total: Int) -> String {
      total == 0 ? "" : String(format: "%5.1f%%", Double(n) * 100 / Double(total))
    }
    func note(_ parts: String...) -> String { parts.filter { !$0.isEmpty }.joined(separator: "  ") }
    let rowReasons = SuppressionReason.allCases.compactMap { reason in
      c.rowsDroppedByFirstReason[reason.rawValue].flatMap { $0 > 0 ? (reason, $0) : nil }
    }
    var rows: [[String]] = [
      ["rows read", Formatting.count(c.rowsRead), ""],
      ["rows kept", style.paint(Formatting.count(c.rowsKept), .green), percent(c.rowsKept, of: c.rowsRead)],
      [
        "rows dropped", style.paint(Formatting.count(c.rowsDropped), .yellow),
        note(percent(c.rowsDropped, of: c.rowsRead), rowReasons.isEmpty ? "" : "by first reason"),
      ],
    ]
    for (reason, n) in rowReasons {
      rows.append(["  \(reason.rawValue)", Formatting.count(n), ""])
    }
    if let cells = c.byReason[SuppressionReason.invalidPhone.rawValue], cells > 0 {
      rows.append(["invalid phone cells", Formatting.count(cells), "not numbers: never checked"])
    }
    rows.append(["numbers checked", Formatting.count(c.numbersChecked), ""])
    rows.append([
      "numbers kept", style.paint(Formatting.count(c.numbersKept), .green),
      percent(c.numbersKept, of: c.numbersChecked),
    ])
    rows.append([
      "numbers suppressed", style.paint(Formatting.count(c.numbersSuppressed), .yellow),
      percent(c.numbersSuppressed, of: c.numbersChecked),
    ])
    for reason in SuppressionReason.allCases where reason.isNumberReason {
      guard let n = c.numbersByReason[reason.rawValue], n > 0 else { continue }
      switch reason {
      case .registryDNC:
        let listed = c.bySource.values.reduce(0, +)
        rows.append([
          "  \(reason.rawValue)", Formatting.count(n),
          listed > n ? "by source: a number several sources list counts under each" : "",
        ])
        for (source, n) in c.bySource.sorted(by: { $0.key < $1.key }) {
          rows.append(["    \(source)", Formatting.count(n), ""])
        }
      case .notCovered:
        rows.append(["  \(reason.rawValue)", Formatting.count(n), ""])
        rows += uncoveredRows(c.notCovered)
      default:
        rows.append(["  \(reason.rawValue)", Formatting.count(n), ""])
      }
    }
    let exempt = c.exempt.values.reduce(0, +)
    if exempt > 0 {
      rows.append(["numbers exempt", Formatting.count(exempt), ""])
      for (kind, n) in c.exempt.sorted(by: { $0.key < $1.key }) {
        rows.append(["  \(kind)", Formatting.count(n), ""])
      }
    }
    return rows
  }

  /// The `not_covered` breakdown: the area codes, most numbers first (the first
  /// `uncoveredShown`, then the rest in one line), then the countries the same way.
  static func uncoveredRows(_ notCovered: RunRecord.Counts.NotCovered?) -> [[String]] {
    guard let notCovered else { return [] }
    var rows: [[String]] = []
    func add(_ counts: [String: Int], _ label: (String) -> String, more: (String, String)) {
      let ranked = RunRecord.Counts.NotCovered.ranked(counts)
      for (key, n) in ranked.prefix(uncoveredShown) {
        rows.append(["    \(label(key))", Formatting.count(n), ""])
      }
      let rest = ranked.dropFirst(uncoveredShown)
      if !rest.isEmpty {
        rows.append([
          "    and \(Formatting.counted(rest.count, more.0, more.1))",
          Formatting.count(rest.map(\.value).reduce(0, +)), "",
        ])
      }
    }
    add(notCovered.areaCodes, { "area code \($0)" }, more: ("more area code", "more area codes"))
    add(
      notCovered.countries, { $0 == "?" ? "no country" : "country \($0)" },
      more: ("more country", "more countries"))
    return rows
  }
}
