import Foundation

/// The compliance report (`scrub audit report`) as one self-contained HTML page: no script, no
/// network, no external font or image; the style inline (the certificate's, with its print
/// rules), the charts inline SVG drawn here. The page is a function of its data
/// (``ComplianceReportData``), embedded as canonical JSON whose SHA-256 the header gives, and of
/// its header (the tool, the database).
public struct ComplianceReportPage: Equatable, Sendable {
  /// `scrub 0.1.0`: the tool that wrote the page.
  public var generator: String
  /// The database, as the command was given it: its numbers masked unless the data shows them.
  public var database: String
  public var data: ComplianceReportData

  public init(generator: String, database: String, data: ComplianceReportData) {
    self.generator = generator
    self.database = data.numbersShown ? database : CertificateData.masked(database)
    self.data = data
  }

  /// The sections, in order, by id: the browser check and the tests look for each.
  public static let sectionIDs = ["sources", "runs", "optouts", "exemptions", "consultations"]

  /// The page's bytes.
  public func html() throws -> String {
    let json = try data.canonicalJSON()
    let digest = SHA256.hex(of: Array(json.utf8))
    let d = data
    let title = "Compliance report: \(d.from) to \(d.to)"
    var h = Html()
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
    h.open("meta", ["charset": "utf-8"])
    h.raw("\n")
    h.open("meta", ["name": "generator", "content": generator])
    h.raw("\n")
    h.open("meta", ["name": "scrub-database", "content": database])
    h.raw("\n")
    h.open("meta", ["name": "scrub-data-sha256", "content": digest])
    h.raw("\n")
    h.element("title", text: title)
    h.raw("\n<style>\n\(CertificatePage.style)\(Self.style)</style>\n</head>\n<body>\n")

    h.element("header") { h in
      h.element("h1", text: title)
      h.element("dl") { h in
        for (name, value) in [
          ("Period", "\(d.from) to \(d.to), UTC days, both included"),
          ("Database", database),
          ("Tool", generator),
          ("Ledger position", CertificatePage.ledgerText(d.ledger)),
          ("Judged at", "\(d.at) (deadlines pending and expiries, at this instant)"),
          ("Numbers", d.numbersShown ? "shown (--show-numbers)" : "masked, but the last four digits"),
          ("Data SHA-256", digest),
        ] {
          h.element("dt", text: name)
          h.element("dd", name.hasSuffix("SHA-256") ? ["class": "hash"] : [:], text: value)
        }
      }
    }
    h.raw("\n")

    h.section("sources", "Registry sources: age against the maximum") { h in
      if d.sources.isEmpty {
        h.element("p", text: "No registry source is configured.")
        return
      }
      h.table(
        ["SOURCE", "KIND", "COUNTRY", "MAX AGE", "AGE AT START", "AGE AT END", "OLDEST", "STALE DAYS"],
        d.sources.map { s in
          s.consulted
            ? [s.name, s.kind, s.country, "consulted", "-", "-", "-", "-"]
            : [
              s.name, s.kind, s.country, s.maxAgeDays.map { "\($0) d" } ?? "none",
              Self.days(s.ageAtStartDays),
              Self.days(s.ageAtEndDays), Self.days(s.oldestAgeDays), Formatting.count(s.staleDays),
            ]
        }, numeric: [4, 5, 6, 7])
      for s in d.sources where !s.consulted {
        h.element("figure") { h in
          h.raw(Self.ageChart(s, from: d.from, to: d.to))
          h.element(
            "figcaption",
            text: "\(s.name): age in days of the snapshot in use each day"
              + (s.maxAgeDays.map { ", against its maximum of \($0) (dashed)" } ?? " (no maximum)")
              + (s.staleIntervals.isEmpty ? "; never stale in the period." : "; stale days shaded."))
        }
      }
      let stale = d.sources.flatMap { s in
        s.staleIntervals.map { [s.name, $0.from, $0.to, Formatting.count($0.days), $0.reason] }
      }
      h.element("h3", text: "Stale intervals")
      if stale.isEmpty {
        h.element("p", text: "None: every source was within its maximum age every day of the period.")
      } else {
        h.table(["SOURCE", "FROM", "TO", "DAYS", "WHY"], stale, numeric: [3], classes: [0: "stale"])
      }
      h.element("h3", text: "Snapshots in use")
      h.table(
        ["SOURCE", "SEQ", "SNAPSHOT", "DOWNLOADED", "IMPORTED"],
        d.sources.flatMap { s in
          s.snapshots.map { e in
            [
              s.name, "\(e.seq)", "\(e.snapshotID)",
              e.downloadedOn + (e.downloadedOnNote.isEmpty ? "" : " (\(e.downloadedOnNote))"), e.importedOn,
            ]
          }
        }, numeric: [1, 2])
    }

    h.section("runs", "Scrub runs") { h in
      if d.runs.isEmpty {
        h.element("p", text: "No scrub run finished in the period.")
        return
      }
      h.table(
        [
          "RUN", "FINISHED", "CAMPAIGN", "INPUT", "CLEAN", "SUPPRESSED", "BY REASON", "SNAPSHOTS",
          "CALLABLE UNTIL",
          "MISSED", "CERTIFICATE",
        ],
        d.runs.map { r in
          [
            "\(r.id)", r.finishedAt, r.campaign, Formatting.count(r.inputRows), Formatting.count(r.cleanRows),
            Formatting.count(r.suppressedRows),
            CertificatePage.ranked(r.countsByReason).map { "\($0.key) \(Formatting.count($0.value))" }
              .joined(separator: ", "),
            r.snapshots.joined(separator: "; "), r.callableUntil,
            r.missedOptOuts == 0 ? "0" : "\(Formatting.count(r.missedOptOuts)) MISSED", r.certificate,
          ]
        }, numeric: [0, 3, 4, 5, 9], classes: [10: "hash"])
      h.element(
        "p",
        text: "Each run's certificate of scrub (its files' hashes, snapshots and rules) is written by the"
          + " command in its CERTIFICATE column.")
    }

    h.section("optouts", "Opt-outs received, by channel and week") { h in
      let o = d.optOuts
      h.element(
        "p",
        text:
          "\(Formatting.counted(o.received, "request")) received: \(Formatting.count(o.onTime)) honoured on"
          + " time, \(Formatting.count(o.late)) late, \(Formatting.count(o.pending)) pending"
          + (o.voided > 0 ? "; \(Formatting.count(o.voided)) voided as recorded in error" : "") + ".")
      if o.received > 0 {
        h.element("figure") { h in
          h.raw(Self.weekChart(o, from: d.from, to: d.to))
          h.element(
            "figcaption",
            text: "Opt-outs per ISO week of receipt: honoured on time (green), late (red), pending (grey).")
        }
        h.table(
          ["WEEK", "CHANNEL", "ON TIME", "LATE", "PENDING"],
          o.buckets.map { b in
            [
              b.week, b.channel, Formatting.count(b.onTime), Formatting.count(b.late),
              Formatting.count(b.pending),
            ]
          }, numeric: [2, 3, 4])
      }
      if o.missedByRun.isEmpty {
        h.element("p", text: "No run missed an opt-out received in the period.")
      } else {
        h.element("h3", text: "Runs that missed an opt-out")
        h.table(
          ["RUN", "OPT-OUTS MISSED"],
          o.missedByRun.sorted { (Int64($0.key) ?? 0) < (Int64($1.key) ?? 0) }.map {
            [$0.key, Formatting.count($0.value)]
          }, numeric: [0, 1], classes: [1: "stale"])
      }
    }

    h.section("exemptions", "Exemptions relied on") { h in
      let e = d.exemptions
      let kinds = Set(e.reliedOnByKind.keys).union(e.expiringByKind.keys).sorted()
      if kinds.isEmpty {
        h.element("p", text: "No run kept a number under an exemption, and no consent or EBR ends soon.")
        return
      }
      h.table(
        [
          "KIND", "NUMBERS KEPT UNDER IT",
          "ENDING BY \(CivilDay(d.to)?.adding(days: ComplianceReportData.expiringWithinDays).description ?? "")",
          "FIRST TO END",
        ],
        kinds.map { k in
          [
            k, Formatting.count(e.reliedOnByKind[k] ?? 0), Formatting.count(e.expiringByKind[k] ?? 0),
            e.firstExpiryByKind[k] ?? "-",
          ]
        }, numeric: [1, 2])
      h.element(
        "p",
        text: "Numbers kept are the runs' counts (a number scrubbed twice counts twice); consents and EBRs"
          + " ending are those in force on \(d.to) whose last day is within"
          + " \(ComplianceReportData.expiringWithinDays) days after it (scrub consent list names them).")
    }

    h.section("consultations", "Consultations answered") { h in
      if d.consultations.isEmpty {
        h.element("p", text: "No consultation was answered in the period.")
        return
      }
      h.table(
        [
          "ID", "QUERY", "SOURCE", "COUNTRY", "ANSWERED", "EXPIRES", "EXPIRED", "LISTED", "CLEAR", "NO DATA",
          "UNANSWERED",
        ],
        d.consultations.map { c in
          [
            "\(c.id)", "\(c.queryID)", c.source, c.country, c.answeredAt, c.expiresAt ?? "never",
            c.expired ? "yes" : "no", Formatting.count(c.listed), Formatting.count(c.clear),
            Formatting.count(c.noData), Formatting.count(c.unanswered),
          ]
        }, numeric: [0, 1, 7, 8, 9, 10])
    }

    h.element(
      "footer", ["id": "data-section"],
      text: "The data of this page is embedded in the file as canonical JSON (keys sorted): its SHA-256"
        + " is the header's Data SHA-256.")
    h.raw("\n")
    h.raw(CertificatePage.dataOpen + "\n" + json + "\n" + CertificatePage.dataClose + "\n</body>\n</html>\n")
    return h.text
  }

  static func days(_ value: Int?) -> String { value.map { "\($0) d" } ?? "no data" }

  static let chartWidth = 640.0
  static let chartHeight = 120.0
  static let left = 34.0
  static let bottom = 16.0

  /// A number as SVG writes it: at most one decimal.
  static func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// The source's age each day (a line, broken where it had no snapshot), its maximum (dashed),
  /// and its stale days (shaded).
  static func ageChart(_ s: ComplianceReportData.Source, from: String, to: String) -> String {
    guard let first = CivilDay(from), let last = CivilDay(to) else { return "" }
    let count = last.daysSinceEpoch - first.daysSinceEpoch + 1
    let ages = (0..<count).map { s.age(on: first.adding(days: $0)) }
    let top = Double(max(ages.compactMap { $0 }.max() ?? 0, s.maxAgeDays ?? 0, 1))
    let plotW = chartWidth - left - 4
    let plotH = chartHeight - bottom - 6
    let step = plotW / Double(max(count, 1))
    func x(_ i: Int) -> Double { left + Double(i) * step }
    func y(_ age: Int) -> Double { 6 + plotH - Double(max(age, 0)) / top * plotH }
    var svg = svgOpen("age of \(s.name) each day")
    for interval in s.staleIntervals {
      guard let a = CivilDay(interval.from), let b = CivilDay(interval.to) else { continue }
      let i = a.daysSinceEpoch - first.daysSinceEpoch
      svg +=
        "<rect class=\"stale\" x=\"\(n(x(i)))\" y=\"6\" width=\"\(n(Double(interval.days) * step))\" height=\"\(n(plotH))\"><title>\(Html.escape("stale \(interval.from) to \(b): \(interval.reason)"))</title></rect>"
    }
    var paths: [[String]] = [[]]
    for (i, age) in ages.enumerated() {
      if let age {
        paths[paths.count - 1].append("\(n(x(i) + step / 2)),\(n(y(age)))")
      } else if !paths[paths.count - 1].isEmpty {
        paths.append([])
      }
    }
    for points in paths where !points.isEmpty {
      svg += "<polyline class=\"age\" points=\"\(points.joined(separator: " "))\"/>"
    }
    if let maxAge = s.maxAgeDays {
      svg +=
        "<line class=\"max\" x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y(maxAge)))\" y2=\"\(n(y(maxAge)))\"/>"
      svg += label(left - 3, y(maxAge) + 3, "\(maxAge)", anchor: "end")
    }
    svg += axes(plotW: plotW, plotH: plotH, top: "\(Int(top))", from: from, to: to)
    return svg + "</svg>"
  }

  /// A stacked bar per ISO week of the period: on time, late, pending.
  static func weekChart(_ o: ComplianceReportData.OptOuts, from: String, to: String) -> String {
    guard let first = CivilDay(from), let last = CivilDay(to) else { return "" }
    var weeks: [String] = []
    var day = first.adding(days: 1 - first.weekday)
    while day <= last {
      weeks.append(ComplianceReportData.isoWeek(day))
      day = day.adding(days: 7)
    }
    var totals: [String: (onTime: Int, late: Int, pending: Int)] = [:]
    for b in o.buckets {
      let t = totals[b.week] ?? (0, 0, 0)
      totals[b.week] = (t.onTime + b.onTime, t.late + b.late, t.pending + b.pending)
    }
    let top = Double(max(totals.values.map { $0.onTime + $0.late + $0.pending }.max() ?? 0, 1))
    let plotW = chartWidth - left - 4
    let plotH = chartHeight - bottom - 6
    let step = plotW / Double(max(weeks.count, 1))
    var svg = svgOpen("opt-outs per week")
    for (i, week) in weeks.enumerated() {
      guard let t = totals[week] else { continue }
      var base = 6 + plotH
      for (value, kind) in [(t.onTime, "ontime"), (t.late, "late"), (t.pending, "pending")] where value > 0 {
        let height = Double(value) / top * plotH
        base -= height
        svg +=
          "<rect class=\"\(kind)\" x=\"\(n(left + Double(i) * step + step * 0.1))\" y=\"\(n(base))\" width=\"\(n(step * 0.8))\" height=\"\(n(height))\"><title>\(Html.escape("\(week): \(value) \(kind == "ontime" ? "on time" : kind)"))</title></rect>"
      }
    }
    svg += axes(
      plotW: plotW, plotH: plotH, top: Formatting.count(Int(top)), from: weeks.first ?? from,
      to: weeks.last ?? to)
    return svg + "</svg>"
  }

  static func svgOpen(_ label: String) -> String {
    "<svg role=\"img\" viewBox=\"0 0 \(n(chartWidth)) \(n(chartHeight))\""
      + " aria-label=\"\(Html.escape(label))\">"
  }

  static func axes(plotW: Double, plotH: Double, top: String, from: String, to: String) -> String {
    let base = 6 + plotH
    return "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"6\" y2=\"\(n(base))\"/>"
      + "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(base))\" y2=\"\(n(base))\"/>"
      + label(left - 3, 12, top, anchor: "end") + label(left - 3, base, "0", anchor: "end")
      + label(left, base + 12, from, anchor: "start") + label(left + plotW, base + 12, to, anchor: "end")
  }

  static func label(_ x: Double, _ y: Double, _ text: String, anchor: String) -> String {
    "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(Html.escape(text))</text>"
  }

  /// The report's additions to the certificate's style: the charts.
  static let style = """
    figure { margin: .3em 0 .5em; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 8pt; color: #444; }
    svg { width: 100%; max-width: 40em; height: auto; display: block; }
    svg text { font-size: 8px; fill: #333; }
    svg .axis { stroke: #666; stroke-width: .6; }
    svg .age { fill: none; stroke: #1f4e9c; stroke-width: 1.2; }
    svg .max { stroke: #b00; stroke-width: .8; stroke-dasharray: 4 3; }
    svg .stale { fill: #e33; fill-opacity: .2; }
    svg .ontime { fill: #2e7d32; }
    svg .late { fill: #c62828; }
    svg .pending { fill: #9e9e9e; }
    td.stale { color: #b00; font-weight: 600; }
    section#runs td, section#runs th { font-size: 7.5pt; }
    @media print { svg, rect, line, polyline { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }

    """
}
