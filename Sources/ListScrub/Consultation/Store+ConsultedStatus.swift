import Foundation
import GRDB

extension Store {
  /// The status of each consulted source, by source id. Every consultation is read once, for all
  /// of `sources`.
  static func consultedStatuses(_ db: Database, _ sources: [RegistrySource], now: Date) throws
    -> [Int64: SourceStatus]
  {
    guard !sources.isEmpty else { return [:] }
    let answers = Dictionary(grouping: try Store.consultations(db, answeredBy: now), by: \.sourceID)
    var statuses: [Int64: SourceStatus] = [:]
    for source in sources {
      statuses[source.id] = consultedStatus(source, answers[source.id] ?? [], now: now)
    }
    return statuses
  }

  /// A consulted source's status: its answers, not snapshots (``SourceStatus/Consulted``).
  /// `answers`: the source's consultations answered by `now`, newest first.
  static func consultedStatus(_ source: RegistrySource, _ answers: [ConsultationSnapshot], now: Date)
    -> SourceStatus
  {
    let current = answers.filter { !$0.expired(at: now) }
    var numbers = current.flatMap { $0.listed + $0.clear + $0.noData }
    if current.count > 1 {
      numbers.sort()
      numbers = numbers.enumerated().compactMap { i, n in i > 0 && numbers[i - 1] == n ? nil : n }
    }
    let newest = answers.first
    let age = newest.map { RegistryAge(downloadedAt: $0.answeredAt, maximum: source.maxAgeDays, now: now) }
    var status = SourceStatus(
      name: source.name, kind: source.kind, country: source.country, numbers: Int64(numbers.count),
      maxAgeDays: source.maxAgeDays, snapshots: 0, lastImportedAt: newest?.importedAt, lastDownloadedAt: nil,
      lastDownloadedAtGuessed: newest?.answeredAtGuessed ?? false, lastDownloadedAtCorrected: false,
      lastSnapshotKind: nil, ageDays: age?.days, stale: current.isEmpty, areaCodes: "")
    status.access = .consult
    status.consulted = .init(
      consultations: answers.count, current: current.count, lastAnsweredAt: newest?.answeredAt,
      lastExpiresAt: newest?.expiresAt)
    return status
  }
}
