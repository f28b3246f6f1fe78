/// Registries: `registry_dnc`, naming each listing source and its snapshot's download date. A
/// number listed only by national or state sources is kept as exempt when it has written consent
/// or an EBR in its window with no opt-out since (the clean file's `scrub_exemption` says which).
final class RegistryStage: NumberStage {
  static let name = "registries"
  static let reasons: [SuppressionReason] = [.registryDNC]
  static let help = "registry_dnc"

  private let lookup: RegistryLookup
  private let ledger: LedgerLookup
  /// Bit i set: `lookup.inUse[i]` is a national or state source, which an exemption may lift.
  private let exemptable: UInt64
  /// Suppressions by source index, folded into the run's counts by name at the end.
  private var sourceCounts = [Int](repeating: 0, count: 64)
  private var details: [UInt64: String] = [:]

  init?(_ setup: StageSetup) {
    lookup = setup.lookup
    ledger = setup.ledger
    var bits: UInt64 = 0
    for (i, source) in lookup.inUse.enumerated() where source.kind == .national || source.kind == .state {
      bits |= UInt64(1) << UInt64(i)
    }
    exemptable = bits
  }

  func decide(_ work: inout NumberWork) throws {
    let masks = try lookup.listings(sorted: work.openNumbers())
    for k in 0..<work.count where work.isOpen(k) {
      let mask = masks[work.slot(k)]
      guard mask != 0 else { continue }
      if mask & ~exemptable == 0, let exemption = ledger.exemption(work.candidates[k].number) {
        work.exempt(k, exemption)
        continue
      }
      var bits = mask
      while bits != 0 {
        sourceCounts[bits.trailingZeroBitCount] += 1
        bits &= bits - 1
      }
      work.remove(k, .registryDNC, detail(mask))
    }
  }

  func count(into counts: inout RunRecord.Counts) {
    for (source, n) in zip(lookup.inUse, sourceCounts) where n > 0 {
      counts.bySource[source.name, default: 0] += n
    }
  }

  /// The `registry_dnc` detail for the sources in `mask`: built once per combination.
  private func detail(_ mask: UInt64) -> String {
    if let known = details[mask] { return known }
    var names: [String] = []
    for (i, source) in lookup.inUse.enumerated() where mask & (UInt64(1) << UInt64(i)) != 0 {
      names.append("\(source.name) snapshot \(Timestamp.day(source.downloadedAt))")
    }
    let detail = names.joined(separator: "; ")
    details[mask] = detail
    return detail
  }
}
