extension RunRecord.Rescrub {
  /// What changed since the earlier run, as `scrub rescrub` ends its summary and `audit show`
  /// prints it: the numbers that run kept and this one removed, by kind, then what the ledger
  /// and the registries gained since.
  public var summary: String {
    var rows: [[String]] = [
      ["new opt-outs", Formatting.count(changes.newOptOuts), "internal_dnc"],
      ["new registry listings", Formatting.count(changes.newRegistryListings), "registry_dnc"],
      [
        "expired consents", Formatting.count(changes.expiredConsents),
        "registry_dnc / no_consent: an exemption run \(runID) relied on no longer holds",
      ],
      [
        "expired answers", Formatting.count(changes.expiredAnswers),
        "not_covered: a consultation answer expired",
      ],
    ]
    for (reason, n) in changes.other.sorted(by: { $0.key < $1.key }) {
      rows.append(["other", Formatting.count(n), reason])
    }
    var lines = [
      "changes since run \(runID) (started \(startedAt)): \(Formatting.counted(changes.total, "number")) it kept removed now",
      Formatting.table(rows, rightAligned: [1]),
      "recorded since run \(runID): \(Formatting.counted(ledgerSince.optOutEvents, "opt-out event")), "
        + "\(Formatting.counted(ledgerSince.consents, "consent")), "
        + "\(Formatting.counted(ledgerSince.corrections, "ledger correction"))",
    ]
    for source in sourcesSince {
      let before = source.beforeDownloadedAt.map { "snapshot \(Timestamp.day($0))" } ?? "not used"
      let after = source.afterDownloadedAt.map { "snapshot \(Timestamp.day($0))" } ?? "not used"
      lines.append("\(source.name): \(before) then, \(after) now")
    }
    return lines.joined(separator: "\n")
  }
}
