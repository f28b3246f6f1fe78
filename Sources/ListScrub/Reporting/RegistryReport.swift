import Foundation

/// The text `scrub registry …` prints.
public enum RegistryReport {
  public static func summaryLine(_ s: RegistryImportSummary) -> UserText {
    var lines: [UserText] = []
    let seconds = String(format: "%.1f s", s.seconds)
    if let last = s.unchangedSince {
      if let given = s.differingDate {
        let (had, gave) = distinct(last.downloadedAt, given)
        let day = Timestamp.day(given) == gave ? gave : given
        return
          "\(s.source): unchanged: these files were imported as snapshot \(last.seq) downloaded \(Snapshot.dayText(had, guessed: last.isGuessed, corrected: last.corrections > 0)); you gave \(gave): to correct it, run `scrub registry correct \(s.source) \(last.seq) \(option: .downloadedAt) \(day) \(option: .why) '…'` (\(seconds))"
      }
      lines.append(
        "\(s.source): unchanged: these files were imported as snapshot \(last.seq) on \(Timestamp.day(last.importedAt)); nothing to do (\(seconds))"
      )
      return lines.joined(separator: "\n")
    }
    let counts =
      "\(Formatting.count(s.rowsRead)) rows, +\(Formatting.count(s.added)) -\(Formatting.count(s.removed)), \(Formatting.count(s.rejected)) rejected, total \(Formatting.count(s.total))"
    if s.dryRun {
      lines.append(
        "\(s.source): dry run (\(s.mode.rawValue)), nothing written: would be \(counts) (\(seconds))")
    } else if let snap = s.snapshot {
      lines.append(
        "\(s.source): snapshot \(snap.seq) (\(snap.kind.rawValue), downloaded \(snap.downloadedDay)): \(counts) (\(seconds))"
      )
    }
    for r in s.rejectedSample {
      lines.append("  rejected \(r.file):\(r.line): \(r.reason)")
    }
    if s.rejected > Int64(s.rejectedSample.count) {
      lines.append(
        "  … and \(Formatting.count(s.rejected - Int64(s.rejectedSample.count))) more rejected lines")
    }
    return lines.joined(separator: "\n")
  }

  /// Two stored dates as a person tells them apart: their days, or whole timestamps when the
  /// days are the same.
  static func distinct(_ a: String, _ b: String) -> (String, String) {
    Timestamp.day(a) == Timestamp.day(b) ? (a, b) : (Timestamp.day(a), Timestamp.day(b))
  }

  /// The warning for a download date the import guessed (no `--downloaded-at`): where it came
  /// from and how to give the real one. nil when the date was given.
  public static func guessedDateWarning(_ s: RegistryImportSummary) -> UserText? {
    guard let file = s.guessedFrom, let date = s.guessedDate, s.unchangedSince == nil else { return nil }
    let stored: UserText =
      s.snapshot.map {
        "; snapshot \($0.seq) is marked guessed until you correct it (scrub registry correct \(s.source) \($0.seq) \(option: .downloadedAt) YYYY-MM-DD \(option: .why) TEXT)"
      } ?? ""
    return
      "\(s.source): no \(option: .downloadedAt): the download date \(date) is guessed from the modification time of \(file); give the real one with \(option: .downloadedAt) YYYY-MM-DD\(stored)"
  }

  /// `style` paints `STALE` red on a terminal: the one word a person scanning the list must see.
  public static func listTable(_ statuses: [SourceStatus], style: TextStyle = .plain) -> String {
    if statuses.isEmpty {
      return "no registry sources yet; import one with: scrub registry import NAME FILE --kind national"
    }
    var rows = [["SOURCE", "KIND", "COUNTRY", "NUMBERS", "DOWNLOADED", "AGE", "MAX", "STATUS", "AREA CODES"]]
    for s in statuses {
      if let answers = s.consulted {
        rows.append(consultedRow(s, answers, style: style))
        continue
      }
      rows.append([
        s.name, s.kind.rawValue, s.country, Formatting.count(s.numbers),
        s.lastDownloadedAt.map {
          Snapshot.dayText(
            Timestamp.day($0), guessed: s.lastDownloadedAtGuessed, corrected: s.lastDownloadedAtCorrected)
        } ?? "-",
        s.ageDays.map { "\($0)d" } ?? "-", s.maxAgeDays.map { "\($0)d" } ?? "-",
        s.stale ? style.paint("STALE", .red) : "ok", areaCodeSummary(s.areaCodes),
      ])
    }
    return Formatting.table(rows)
  }

  /// A consulted source's row: its numbers with a current answer, the newest answer's day
  /// (`answered`) and age, and `EXPIRED` (no current answer) or `NO ANSWERS` in red.
  static func consultedRow(_ s: SourceStatus, _ answers: SourceStatus.Consulted, style: TextStyle) -> [String]
  {
    let status =
      answers.consultations == 0
      ? style.paint("NO ANSWERS", .red) : s.stale ? style.paint("EXPIRED", .red) : "ok"
    return [
      s.name, s.kind.rawValue, s.country, Formatting.count(s.numbers),
      answers.lastAnsweredAt.map { Timestamp.day($0) + " answered" } ?? "-",
      s.ageDays.map { "\($0)d" } ?? "-", s.maxAgeDays.map { "\($0)d" } ?? "-", status, "consulted per number",
    ]
  }

  static func areaCodeSummary(_ codes: String) -> String {
    if codes == "*" { return "all" }
    let list = AreaCodes.parse(codes)
    if list.isEmpty { return "-" }
    if list.count <= 6 { return list.map(String.init).joined(separator: ",") }
    return "\(list.count) (\(list.prefix(3).map(String.init).joined(separator: ",")),…)"
  }

  /// The snapshots, then each correction of a download date (`scrub registry correct`), oldest
  /// first: which snapshot, the date before and after, who recorded it, when and why.
  public static func historyTable(
    _ history: [(Snapshot, [SnapshotFile])], corrections: [SnapshotCorrection] = []
  ) -> String {
    let table = snapshotTable(history)
    guard !corrections.isEmpty else { return table }
    var rows = [["CORRECTION", "SNAPSHOT", "FROM", "TO", "RECORDED", "BY", "WHY"]]
    for c in corrections {
      rows.append([
        "\(c.id)", "\(c.seq)",
        Snapshot.dayText(Timestamp.day(c.previousDownloadedAt), guessed: c.previousGuessed, corrected: false),
        Timestamp.day(c.downloadedAt), c.recordedAt, c.recordedBy, c.why,
      ])
    }
    return table + "\n\ndownload dates corrected (append-only; a snapshot's latest correction is its date):\n"
      + Formatting.table(rows)
  }

  static func snapshotTable(_ history: [(Snapshot, [SnapshotFile])]) -> String {
    var rows = [
      [
        "SNAPSHOT", "KIND", "DOWNLOADED", "IMPORTED", "ROWS", "ADDED", "REMOVED", "REJECTED", "TOTAL",
        "FILES",
      ]
    ]
    for (s, files) in history {
      let fileText = files.map { "\($0.name) sha256:\($0.sha256.prefix(12))" }.joined(separator: "; ")
      rows.append([
        "\(s.seq)", s.kind.rawValue, s.downloadedDay, s.importedAt,
        Formatting.count(s.rowsRead), Formatting.count(s.added), Formatting.count(s.removed),
        Formatting.count(s.rejected), Formatting.count(s.total), fileText + (s.forced ? " (forced)" : ""),
      ])
    }
    return Formatting.table(rows)
  }
}

extension RegistryReport {
  /// One line a source for `scrub registry check`: `us-ftc: fresh (downloaded 2026-11-21, 1 of 31
  /// days)`, `us-ftc: STALE (downloaded 2026-11-21, 50 days ago; maximum 31)`, `us-ftc: not loaded`.
  public static func freshnessLine(_ f: SourceFreshness, style: TextStyle = .plain) -> String {
    let day = f.lastDownloadedAt.map(Timestamp.day) ?? "-"
    let age = f.ageDays ?? 0
    switch f.state {
    case .notLoaded where f.consulted:
      return "\(f.name): consulted, no answer yet"
    case .fresh where f.consulted:
      return "\(f.name): fresh (consulted; newest answer \(day), "
        + (f.expiresAt.map { "expires \(Timestamp.day($0)))" } ?? "no maximum age)")
    case .stale where f.consulted:
      return "\(f.name): \(style.paint("STALE", .red)) (consulted; newest answer \(day), "
        + ((f.maxAgeOverridden ? nil : f.expiresAt).map { "expired \(Timestamp.day($0)))" }
          ?? "maximum \(f.maxAgeDays ?? 0) days)")
    case .notLoaded:
      return "\(f.name): not loaded"
    case .fresh:
      guard let maximum = f.maxAgeDays else {
        return "\(f.name): fresh (downloaded \(day), \(Formatting.counted(age, "day")) ago; no maximum age)"
      }
      return "\(f.name): fresh (downloaded \(day), \(age) of \(maximum) days)"
    case .stale:
      return
        "\(f.name): \(style.paint("STALE", .red)) (downloaded \(day), \(Formatting.counted(age, "day")) ago; maximum \(f.maxAgeDays ?? 0))"
    }
  }
}

extension RegistryReport {
  /// What `scrub registry correct` did: `us-ftc: snapshot 3 downloaded 2026-11-28 (corrected
  /// from 2026-12-02, guessed): correction 1 recorded by ana`.
  public static func correction(_ r: SnapshotCorrectionResult) -> UserText {
    let before = r.before
    let from = before.downloadedDay
    let day = Timestamp.day(r.downloadedAt)
    if r.unchanged {
      return "\(r.source): snapshot \(before.seq) is already downloaded \(from); nothing recorded"
    }
    if r.dryRun {
      return
        "\(r.source): dry run: snapshot \(before.seq) would be downloaded \(day) (corrected from \(from)); nothing recorded"
    }
    let who = r.recorded.map { " by \($0.recordedBy)" } ?? ""
    let id = r.recorded.map { " \($0.id)" } ?? ""
    return
      "\(r.source): snapshot \(before.seq) downloaded \(day) (corrected from \(from)): correction\(id) recorded\(who)"
  }
}
