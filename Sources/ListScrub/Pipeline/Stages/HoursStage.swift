/// `outside_hours` (`clean --call-at TIME`): a number that may not be called at that instant,
/// in every zone its prefix is in (`PhoneZones`), under its country's calling hours
/// (`CallingWindow`: the rules table's windows and holidays). The strictest zone decides: a
/// number of an area code spanning two zones is kept only when both allow the call. A number
/// with no known zone, or whose country has no hours the tool can trust, is not judged callable
/// (fail closed).
///
/// `--call-windows` gives every kept number its zones and its next calling window from
/// `--call-at` (else the run's clock): the first span in which every zone allows the call, as a
/// UTC interval (`2026-12-03T13:00:00Z/2026-12-04T02:00:00Z`), empty when none is known within 14
/// days.
///
/// The instant is fixed for the run, so a verdict depends only on the country and the zone set:
/// it is worked out once per pair.
final class HoursStage: NumberStage {
  static let name = "hours"
  static let reasons: [SuppressionReason] = [.outsideHours]
  static let help = "outside_hours (--call-at: each number's calling window at that instant)"

  /// What one country and zone set get: the refusal at `--call-at` (nil: allowed, or not asked),
  /// and for `--call-windows` the zones and the next window (empty when none is known).
  private struct Verdict {
    var refusal: String?
    var zones = ""
    var window = ""
  }

  private let rules: CountryRules
  private let zones: PhoneZones
  private let callAt: Int64?
  private let windowsFrom: Int64?
  /// Verdicts by country slot (26 × 26, then one for no country) and zone set. (Touched by the
  /// writing thread only.)
  @exclusivity(unchecked) private var verdicts: [Key: Verdict] = [:]
  /// Numbers whose row's state value was not recognised.
  @exclusivity(unchecked) private var unrecognised = 0

  private struct Key: Hashable {
    var slot: Int
    var state: Int
    var set: PhoneZones.SetIndex
    var address: UInt16
  }

  init?(_ setup: StageSetup) {
    guard setup.options.callAt != nil || setup.options.callWindowsFrom != nil else { return nil }
    rules = setup.rules
    callAt = setup.options.callAt
    windowsFrom = setup.options.callWindowsFrom
    zones = PhoneZones.shared
  }

  func decide(_ work: inout NumberWork) {
    for k in 0..<work.count where work.isOpen(k) {
      let number = work.candidates[k].number
      let region = PhoneNumber(e164: number).region
      let set = zones.set(of: number)
      // The number's state (its area code's) and its row's address decide too.
      let state = zones.stateKey(of: number)
      let address = work.candidates[k].address
      if address == 1 { unrecognised += 1 }
      let key = Key(slot: Self.slot(region), state: state, set: set, address: address)
      let verdict: Verdict
      if let known = verdicts[key] {
        verdict = known
      } else {
        verdict = self.verdict(number, region, address: Subdivision.name(address))
        verdicts[key] = verdict
      }
      if let refusal = verdict.refusal {
        work.remove(k, .outsideHours, refusal)
      } else if windowsFrom != nil {
        work.setWindow(k, zones: verdict.zones, window: verdict.window)
      }
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

  /// The verdict of every number of `number`'s country and zone set.
  private func verdict(_ number: Int64, _ region: PhoneRegion?, address: String?) -> Verdict {
    var verdict = Verdict()
    if let callAt {
      verdict.refusal = NumberHours.of(number, at: callAt, rules: rules, address: address).refusal
    }
    if let windowsFrom {
      verdict.zones = PhoneZones.shared.zones(of: number).joined(separator: " ")
      if region != nil, let bindings = NumberHours.bindings(of: number, in: rules, address: address),
        let span = CallingWindow.next(bindings, from: windowsFrom)
      {
        verdict.window = CallingWindow.interval(span)
      }
    }
    return verdict
  }

  func count(into counts: inout RunRecord.Counts) {
    if unrecognised > 0 { counts.addressUnrecognised = unrecognised }
  }
}
