import ArgumentParser
import Foundation
import ListScrub

/// Parses command-line values the ledger commands share.
enum LedgerArguments {
  /// A moment: a date, a date and time (in `zone`, else UTC, unless it has an offset). A date
  /// alone is its first moment in `zone` (else UTC midnight): a request's day is its date in the
  /// zone its batch records (`LedgerEvent.receivedOn`).
  ///
  /// With `repeatWithZone` (the command to repeat, from ``RepeatCommand``), a time without an
  /// offset and no `zone` is a usage error (64): read as UTC, a New York evening would be the
  /// next day. Without it (a day option such as `--from`), such a time reads as UTC.
  ///
  /// Dates are ISO 8601; one with slashes (`05/02/2026`) reads only in `order`, from the
  /// command's `--date-format` (`takesOrder`: the command has one, and the hint names it).
  static func time(
    _ text: String, flag: String, zone: LocalTimeZone? = nil, repeatWithZone: String? = nil,
    order: RequestTime.Order? = nil, takesOrder: Bool = false
  ) throws -> Int64 {
    guard let (seconds, form) = RequestTime.read(text, order: order) else {
      if RequestTime.isSlashDate(text) && order == nil {
        throw ScrubError.usage(
          "\(flag) \(text) is not an ISO 8601 date (it could be month first or day first)",
          hint: takesOrder
            ? "write YYYY-MM-DD (2026-05-02), or say the order with --date-format mdy or --date-format dmy"
            : "write YYYY-MM-DD (2026-05-02)")
      }
      throw DateArgument.error(
        text, flag: flag, problem: RequestTime.problem(text, order: order),
        hint: "use ISO 8601: \(RequestTime.examples)")
    }
    if form == .local, zone == nil, let again = repeatWithZone {
      throw ScrubError.usage(
        "\(flag) \(text) has no UTC offset, and no --timezone says which zone it is in; nothing was recorded",
        hint:
          "repeat it with the zone where the person asked: \(again) (an IANA name such as America/New_York; --timezone UTC if the time is UTC)"
      )
    }
    guard form != .instant, var zone else { return seconds }
    return zone.utc(fromLocal: seconds)
  }

  static func day(
    _ text: String, flag: String, order: RequestTime.Order? = nil, takesOrder: Bool = false
  ) throws -> CivilDay {
    CivilDay(daysSinceEpoch: Int(try time(text, flag: flag, order: order, takesOrder: takesOrder) / 86_400))
  }

  static func target(_ text: String, region: PhoneRegion, mask: PhoneMask) throws -> OptOutTarget {
    switch OptOutTarget.parse(text, region: region) {
    case .success(let target): return target
    case .failure(let error):
      throw ScrubError.badData(
        location: "argument '\(mask(text))'", message: UserText(error.description),
        hint: "write a number (+12015550123, 201-555-0123) or an area code (+1201*, 201XXXXXXX)")
    }
  }

  /// A number argument (no wildcard), as E.164 digits.
  static func number(_ text: String, region: PhoneRegion, mask: PhoneMask) throws -> Int64 {
    guard let number = PhoneNormalizer().normalize(text, region: region).registryKey else {
      throw ScrubError.badData(
        location: "argument '\(mask(text))'", message: "not a phone number",
        hint: "write a number: +12015550123 or 201-555-0123")
    }
    return number.e164
  }

  /// `noun` is singular (`opt-out`); the count decides the plural.
  static func summary(_ noun: String, _ write: LedgerWriteSummary, rejected: Int = 0) -> String {
    if let earlier = write.alreadyImported {
      return
        "unchanged: this file was imported as ledger batch \(earlier.id) on \(Timestamp.day(earlier.recordedAt)); nothing to do"
    }
    if write.dryRun {
      var text =
        "dry run: \(Formatting.counted(write.recorded, noun)) would be recorded, \(write.duplicates) already in the ledger"
      if rejected > 0 { text += ", \(Formatting.counted(rejected, "row")) refused" }
      return text + "; nothing was written"
    }
    guard let batch = write.batch else {
      let refused = rejected > 0 ? ", \(Formatting.counted(rejected, "row")) refused" : ""
      return
        "nothing new: \(Formatting.counted(write.duplicates, noun)) already in the ledger\(refused); no batch recorded"
    }
    var text =
      "ledger batch \(batch.id): \(Formatting.counted(batch.recorded, noun)) recorded, \(batch.duplicates) already in the ledger"
    if rejected > 0 { text += ", \(Formatting.counted(rejected, "row")) refused (listed in the batch)" }
    return text + String(format: " (%.1f s)", write.seconds)
  }

  /// `ledger batch 9: voided opt-out event 4`, or for a dry run what would be corrected.
  static func summary(_ verb: String, _ noun: String, _ correction: CorrectionSummary) -> String {
    let ids = correction.targetIDs.map(String.init).joined(separator: ", ")
    let rows = "\(Formatting.counted(correction.targetIDs.count, noun)) (\(ids))"
    if correction.write.dryRun { return "dry run: would have \(verb) \(rows); nothing was written" }
    let batch = correction.write.batch.map { "ledger batch \($0.id): " } ?? ""
    return batch + "\(verb) \(rows)" + String(format: " (%.1f s)", correction.write.seconds)
  }

  /// `--why`, required and not blank.
  static func why(_ text: String?) throws -> String {
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ScrubError.usage(
        "a correction needs --why; nothing was recorded",
        hint: "say what was wrong or what ended: --why \"agent typed the wrong number, ticket 7781\"")
    }
    return text
  }

  /// Records `request` as one correction batch (`--dry-run`: only shows it).
  static func correct(
    _ request: CorrectionRequest, store: StoreOptions, writer: LedgerWriterOptions, zone: LocalTimeZone?,
    now: Date
  ) throws -> CorrectionSummary {
    var write = LedgerWrite(kind: request.action.batchKind, recordedBy: writer.recordedBy)
    write.rowsRead = 1
    write.timeZone = zone?.name ?? LocalTimeZone.utcName
    write.dryRun = writer.dryRun
    return try store.open(create: false).recordCorrection(
      request, write: write, now: now, toolVersion: ToolInfo.version, mask: writer.privacy.mask)
  }
}
