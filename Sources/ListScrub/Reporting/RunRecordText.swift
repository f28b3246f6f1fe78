import Foundation

extension RunRecord {
  /// The record as `scrub audit show` prints it for a person: sections for the run, its input,
  /// outputs, options, registry snapshots, ledger position and counts, every hash whole. The
  /// JSON (`--json`, `clean --report`) stays the record itself.
  public var textReport: String {
    var sections: [String] = []
    func section(_ title: String, _ rows: [[String]], rightAligned: Set<Int> = [], then lines: [String] = [])
    {
      let table =
        rows.isEmpty ? [] : Formatting.table(rows, rightAligned: rightAligned).split(separator: "\n")
      let body = (table.map(String.init) + lines).map { $0.isEmpty ? "" : "  " + $0 }
      sections.append(([title] + body).joined(separator: "\n"))
    }
    func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }

    var run: [[String]] = [
      ["started", startedAt], ["finished", finishedAt], ["tool", "scrub \(toolVersion)"],
      ["NANP data", nanpData], ["callable until", callabilityText],
    ]
    if let countryRules {
      run.append(["country rules", "\(countryRules.version) (sha256 \(countryRules.sha256))"])
      if let file = countryRules.userFile {
        run.append(["rules file", "\(file) (sha256 \(countryRules.userFileSHA256 ?? "?"))"])
      }
      run.append(["region data", countryRules.regionData])
    }
    if let rescrubOf {
      run.append(["rescrub of", "run \(rescrubOf.runID) (its clean file, sha256 \(rescrubOf.cleanSHA256))"])
    }
    section("run \(runID ?? 0)", run)

    section(
      "input",
      [["path", Self.shown(input.path)], ["sha256", input.sha256], ["rows", Formatting.count(input.rows)]])

    var outputs = [["", "PATH", "ROWS", "SHA-256"]]
    outputs.append(["clean", Self.shown(clean.path), Formatting.count(clean.rows), clean.sha256])
    if let suppressed {
      outputs.append([
        "suppressed", Self.shown(suppressed.path), Formatting.count(suppressed.rows), suppressed.sha256,
      ])
    } else {
      outputs.append(["suppressed", "none", "", ""])
    }
    section("outputs", outputs, rightAligned: [2])

    let s = settings
    var options: [[String]] = [
      ["phone columns", s.phoneColumns.joined(separator: ", ")],
      ["region", s.region],
      ["country column", s.countryColumn ?? "none"],
      ["filter (--where)", s.filter ?? "none"],
      ["dedupe", s.dedupe],
      ["sources", s.sources?.joined(separator: ", ") ?? "all"],
      ["campaign", s.campaign ?? "none (every campaign's opt-outs)"],
      ["level", s.level],
      ["allow stale", yesNo(s.allowStale)],
      ["allow uncovered", yesNo(s.allowUncovered)],
      ["strict", yesNo(s.strict)],
    ]
    if let ebr = s.ebr {
      options.append([
        "EBR windows (US)", "purchase \(ebr.purchaseMonths) months, inquiry \(ebr.inquiryMonths) months",
      ])
    }
    if let overrides = s.ebrOverrides {
      let given = [
        overrides.purchaseMonths.map { "--ebr-purchase-months \($0)" },
        overrides.inquiryMonths.map { "--ebr-inquiry-months \($0)" },
      ].compactMap { $0 }
      options.append(["EBR overrides", given.isEmpty ? "none" : given.joined(separator: ", ")])
    }
    section("options", options)

    var snapshots = [
      ["SOURCE", "KIND", "COUNTRY", "SNAPSHOT", "DOWNLOADED", "AGE", "MAX AGE", "STALE", "AREA CODES"]
    ]
    var files: [String] = []
    for source in sources {
      snapshots.append([
        source.name, source.kind, source.country, "\(source.snapshotID) (seq \(source.snapshotSeq))",
        source.downloadedAt
          + (source.downloadedAtGuessed == true
            ? " (guessed)" : source.dateCorrection != nil ? " (corrected)" : ""),
        "\(source.ageDays) d", source.maxAgeDays.map { "\($0) d" } ?? "none",
        yesNo(source.stale), source.areaCodes,
      ])
      if let c = source.dateCorrection {
        let imported = Snapshot.dayText(
          Timestamp.day(c.importedDownloadedAt), guessed: c.importedGuessed, corrected: false)
        files.append(
          "\(source.name) date: imported as \(imported); set by correction \(c.id), recorded by \(c.recordedBy) at \(c.recordedAt): \(c.why)"
        )
      }
      files += source.fileSHA256.map { "\(source.name) file sha256 \($0)" }
    }
    if sources.isEmpty {
      section("registry snapshots", [], then: ["none"])
    } else {
      section("registry snapshots", snapshots, then: files)
    }

    if let ledger {
      section(
        "ledger position (what the run had seen)",
        [
          ["last opt-out event", "\(ledger.lastEventID)"], ["last consent", "\(ledger.lastConsentID)"],
          ["last ledger batch", "\(ledger.lastBatchID)"],
        ])
    } else {
      section("ledger position", [], then: ["none recorded (a run made before the ledger existed)"])
    }

    section("rules applied, in stage order", [], then: [rules.joined(separator: ", ")])

    if let rescrubOf {
      section(
        "rescrub of run \(rescrubOf.runID)", [],
        then: rescrubOf.summary.split(separator: "\n").map(String.init))
    }

    let step = counts.notCovered?.nextStep ?? ""
    section(
      "counts", CleanReport.countRows(self), rightAligned: [1],
      then: step.isEmpty ? [] : ["not_covered, next step: " + step])
    return sections.joined(separator: "\n\n")
  }

  /// `-` as a person reads it.
  static func shown(_ path: String) -> String {
    path == "-" ? "- (standard input or output)" : path
  }
}

extension RunRecord.Source {
  /// The download day as people read it: `2026-11-28`, `2026-12-02 (guessed)` or
  /// `2026-11-28 (corrected)`.
  public var downloadedDay: String {
    Snapshot.dayText(
      Timestamp.day(downloadedAt), guessed: downloadedAtGuessed == true, corrected: dateCorrection != nil)
  }
}
