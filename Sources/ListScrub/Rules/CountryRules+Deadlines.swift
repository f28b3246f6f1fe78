/// The opt-out deadline of each target, by its country's rule (`optout_deadline_days` and
/// `optout_deadline_kind`, as ``CountryRule/effectiveOptOutDeadline`` applies them).
///
/// - A number's country is ``CountryRules/country(of:)`` (a Puerto Rico number is the US's); an
///   area-code wildcard's is its NANP area code's (`+1204*` is Canada's, `+1876*` Jamaica's).
/// - Calendar days: the received day plus the days.
/// - Business days in the US (and its territories): ``BusinessCalendar``, Monday to Friday less
///   the federal holidays, as before the table existed (the table's US holidays give the same
///   days; a test checks it).
/// - Business days elsewhere: Monday to Friday less the country's holidays from the table
///   (``HolidayRule``, as observed); weekends only when the table has no holidays for it or marks
///   its holiday list `unverified` (a holiday can only make a deadline later, so a list nobody
///   confirmed is not allowed to).
/// - A target with no country, or a country the table lacks: 0 days (honor at once), as for an
///   unverified deadline. The ledger fails closed like the clean run does.
extension CountryRules: OptOutDeadlines {
  /// The country whose rule sets `target`'s deadline; nil when the number has no region.
  public func country(of target: OptOutTarget) -> String? {
    switch target {
    case .number(let e164): country(of: PhoneNumber(e164: e164))
    // Any number of the area code has its region: the NANP table goes by NPA.
    case .areaCode(let prefix): country(of: PhoneNumber(e164: prefix * 10_000_000))
    }
  }

  public func due(for target: OptOutTarget, receivedOn day: CivilDay) -> OptOutDue {
    let code = country(of: target)
    guard let code, let rule = rule(for: code) else {
      return OptOutDue(day: day, country: code, rule: "at once (no rule for \(code ?? "the number"))")
    }
    let applied = rule.effectiveOptOutDeadline
    var text =
      applied.days == 0
      ? "at once" : "\(applied.days) \(applied.kind.rawValue) day\(applied.days == 1 ? "" : "s")"
    if applied != rule.optOutDeadline { text += " (deadline unverified)" }
    return OptOutDue(day: rule.optOutDeadline(receivedOn: day), country: code, rule: text)
  }
}

extension CountryRule {
  /// The last day on which a request received on `received` may still be unhonored, by
  /// ``effectiveOptOutDeadline`` (see `CountryRules+Deadlines` for how days are counted).
  public func optOutDeadline(receivedOn received: CivilDay) -> CivilDay {
    let applied = effectiveOptOutDeadline
    switch applied.kind {
    case .calendar:
      return received.adding(days: applied.days)
    case .business:
      if (parent ?? code) == "US" {
        return BusinessCalendar.deadline(receivedOn: received, businessDays: applied.days)
      }
      let counted = isUnverified("holiday") ? [] : holidays
      var byYear: [Int: Set<CivilDay>] = [:]
      func isHoliday(_ day: CivilDay) -> Bool {
        if byYear[day.year] == nil { byYear[day.year] = observedHolidays(counted, in: day.year) }
        return byYear[day.year]!.contains(day)
      }
      var day = received
      var left = applied.days
      while left > 0 {
        day = day.adding(days: 1)
        if day.weekday <= 5 && !isHoliday(day) { left -= 1 }
      }
      return day
    }
  }

  /// The days of `year` on which `rules` are observed, including a neighbouring year's holiday
  /// observed in this one (1 January on a Saturday, observed 31 December).
  func observedHolidays(_ rules: [HolidayRule], in year: Int) -> Set<CivilDay> {
    Set((year - 1...year + 1).flatMap { y in rules.compactMap { $0.observedDay(in: y) } }).filter {
      $0.year == year
    }
  }
}
