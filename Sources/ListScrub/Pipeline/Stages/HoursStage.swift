/// `outside_hours` (`clean --call-at TIME`): a number that may not be called at that instant,
/// in every zone its prefix is in (`PhoneZones`), under its country's calling hours
/// (`CallingWindow`: the rules table's windows and holidays). The strictest zone decides: a
/// number of an area code spanning two zones is kept only when both allow the call. A number
/// with no known zone, or whose country has no hours the tool can trust, is not judged callable
/// (fail closed).
///
/// The instant is fixed for the run, so a verdict depends only on the country and the zone set:
/// it is worked out once per pair.
final class HoursStage: NumberStage {
  static let name = "hours"
  static let reasons: [SuppressionReason] = [.outsideHours]
  static let help = "outside_hours (--call-at: each number's calling window at that instant)"

  private let rules: CountryRules
  private let instant: Int64
  /// Verdicts by country slot (26 × 26, then one for no country) and zone set: nil when the call
  /// is allowed, else the detail. (Touched by the writing thread only.)
  @exclusivity(unchecked) private var verdicts: [Int: String?] = [:]

  init?(_ setup: StageSetup) {
    guard let instant = setup.options.callAt else { return nil }
    rules = setup.rules
    self.instant = instant
    _ = PhoneZones.shared
  }

  func decide(_ work: inout NumberWork) {
    for k in 0..<work.count where work.isOpen(k) {
      let number = work.candidates[k].number
      let region = PhoneNumber(e164: number).region
      let set = PhoneZones.shared.set(of: number)
      let key = Self.slot(region) << 16 | Int(set)
      let refusal: String?
      if let known = verdicts[key] {
        refusal = known
      } else {
        refusal = verdict(number)
        verdicts[key] = refusal
      }
      if let refusal { work.remove(k, .outsideHours, refusal) }
    }
  }

  /// A country's slot: its two letters, or 26 × 26 for none.
  private static func slot(_ region: PhoneRegion?) -> Int {
    guard let region else { return 26 * 26 }
    let first = Int(region.code >> 8) - 65
    let second = Int(region.code & 0xFF) - 65
    guard (0..<26).contains(first), (0..<26).contains(second) else { return 26 * 26 }
    return first * 26 + second
  }

  /// Why a number of `region` in zone set `set` may not be called at the instant; nil when it may.
  /// Any number of the pair gives the same answer: `number` stands for them.
  private func verdict(_ number: Int64) -> String? {
    NumberHours.of(number, at: instant, rules: rules).refusal
  }
}
