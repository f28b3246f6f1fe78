import Foundation
import GRDB

/// What `scrub clean` would do now with one number, and the country rule behind it: what
/// `scrub check` shows. The number stages of a clean run (``ScrubStages``: the opt-out ledger,
/// the registries, coverage, the number's country rule) judge it, built as a run builds them, so
/// that check and clean cannot disagree.
///
/// The number is judged as if alone in a file, in a run of `campaign` today with every source
/// and each number's country's EBR windows (no overrides): no `--where`, no duplicate. At the default `--level valid`, a
/// number the normalizer rejects (`fictional`) is `invalid_phone`.
public struct CleanPreview: Encodable, Sendable {
  /// The number's country and the rule that judges it.
  public var country: NumberCountry
  /// True when the clean file would keep the number.
  public var kept: Bool
  /// Why it would be removed (the suppressed file's `scrub_reason`), when it would be.
  public var reason: SuppressionReason?
  /// The suppressed file's `scrub_detail`, when removed.
  public var detail: String?
  /// The clean file's `scrub_basis`, when kept.
  public var basis: String?
  /// Set when clean would refuse to run at all (a stale national or state source, or no source
  /// loaded); `kept`, `reason` and `basis` then say what a run would do with `--allow-stale`.
  public var runRefused: String?
  /// The stale national and state sources, with which clean runs only with `--allow-stale`.
  public var staleSources: [String]

  /// The country is not encoded here: ``NumberCheck`` encodes it beside the preview.
  enum CodingKeys: String, CodingKey {
    case kept, reason, detail, basis
    case runRefused = "run_refused"
    case staleSources = "stale_sources"
  }

  /// The previews of `numbers` (E.164 values, each with the normalizer's rejection, if any),
  /// read in `db`'s transaction as a run of `campaign` at `now` under `rules` would see them.
  static func judge(
    _ db: Database, numbers: [(e164: Int64, rejection: PhoneRejection?)], rules: CountryRules,
    campaign: String?, now: Date
  ) throws -> [CleanPreview] {
    let lookup = try RegistryLookup(db, names: nil, now: now)
    let ledger = try LedgerLookup(
      db, campaign: campaign, day: CivilDay(Timestamp.string(now))!, policy: rules.ebrPolicies(),
      only: numbers.map(\.e164))
    let consultations = try ConsultationLookup(db, names: nil, instant: now)
    var options = CleanOptions(input: "-")
    options.dedupe = .none
    options.campaign = campaign
    options.rules = rules
    options.allowStale = true
    let setup = StageSetup(
      options: options, plan: .numbersOnly, input: "scrub check", lookup: lookup, ledger: ledger,
      consultations: consultations)
    let decider = try Decider(setup)
    var times = PhaseTimes()
    try decider.prepare(&times)
    // One candidate per valid number, in a batch of no rows: only the dedupe stage (off here)
    // reads a candidate's line.
    let batch = PipelineBatch()
    for (i, number) in numbers.enumerated() where number.rejection == nil {
      batch.candidates.append(Candidate(row: i, column: 0, number: number.e164))
    }
    let work = try decider.decide(batch, &times)
    var outcome: [Int: (kept: Bool, reason: SuppressionReason?, text: String)] = [:]
    for (k, candidate) in work.candidates.enumerated() {
      if work.isOpen(k) {
        outcome[candidate.row] = (true, nil, candidate.basis ?? "")
      } else {
        let removal = work.removals[Int(work.fate[k])]
        outcome[candidate.row] = (false, removal.reason, removal.detail)
      }
    }
    let refusal = runRefusal(lookup, consulted: !consultations.doNotCall.isEmpty)
    let stale = lookup.inUse.filter { $0.stale && [.national, .state].contains($0.kind) }.map(\.name)
    return numbers.enumerated().map { i, number in
      let country = NumberCountry(
        number: number.e164, rules: rules, lookup: lookup, consulted: consultations.doNotCall)
      guard let judged = outcome[i] else {
        return CleanPreview(
          country: country, kept: false, reason: .invalidPhone,
          detail: (number.rejection ?? .notANumber).rawValue, basis: nil, runRefused: refusal,
          staleSources: stale)
      }
      return CleanPreview(
        country: country, kept: judged.kept, reason: judged.reason, detail: judged.kept ? nil : judged.text,
        basis: judged.kept ? judged.text : nil, runRefused: refusal, staleSources: stale)
    }
  }

  /// Why clean refuses to run with these sources, as ``CleanPipeline`` does; nil when it runs.
  static func runRefusal(_ lookup: RegistryLookup, consulted: Bool = false) -> String? {
    if lookup.inUse.isEmpty && !consulted {
      return "no registry is loaded; import one first: scrub registry import us-ftc FILE... --kind national"
    }
    let stale = lookup.inUse.filter { $0.stale && [.national, .state].contains($0.kind) }
    guard !stale.isEmpty else { return nil }
    let names = stale.map { "\($0.name) is STALE (\($0.ageDays)d old, max \($0.maxAgeDays ?? 0)d)" }
    return names.joined(separator: ", ") + "; import a fresh download, or pass --allow-stale"
  }
}
