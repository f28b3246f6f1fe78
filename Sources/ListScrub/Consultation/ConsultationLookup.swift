import Foundation
import GRDB

/// The consultation answers one scrub uses, read inside the run's read transaction: every
/// consultation answered by the run's instant (`--call-at`, else the clock) of the consulted
/// sources the run checks, merged per source into one sorted array of numbers, each with the
/// answer of the newest consultation that answered it. A batch's sorted numbers are looked up
/// by one galloping pass over that array, as the ledger's are (`LedgerLookup.blockers`): no
/// query per number.
///
/// Built in the read transaction; `prepare()` (on the writing thread, while the reader parses
/// the first batch) merges the answers and reads the few per-number details the suppressed file
/// names (Robinson's sectors).
final class ConsultationLookup: @unchecked Sendable {
  /// A consultation as the run used it.
  struct Used {
    var id: Int64
    var source: String
    var format: ConsultationResultFormat
    var answeredAt: String
    var answeredAtGuessed: Bool
    var expiresAt: String?
    /// Expired at the run's instant: its answers no longer count.
    var expired: Bool
    var fileSHA256: String
    var listed: Int
    var clear: Int
    var noData: Int
    /// The day of `answeredAt`, and of `expiresAt`, as details name them.
    var answeredOn: String
    var expiresOn: String?
  }

  /// A consulted source with at least one consultation answered by the run's instant.
  final class Source {
    let name: String
    let kind: RegistryKind
    let country: String
    fileprivate var snapshots: [ConsultationSnapshot]
    /// Answered numbers, ascending; `entries[i]` packs the deciding consultation's index into
    /// `used` (high bits) and its verdict (low 2 bits: 0 listed, 1 clear, 2 no data).
    fileprivate(set) var numbers: [Int64] = []
    fileprivate(set) var entries: [UInt32] = []
    /// Kind `reassigned`: the day asked about for each of `numbers` (days since 1970; -1 when
    /// the query did not keep it).
    fileprivate(set) var askedOn: [Int32] = []
    /// Robinson's sectors of listed numbers, by number (robinson-result answers only).
    fileprivate(set) var sectors: [Int64: String] = [:]

    /// The newest consultation's answer date and expiry (`scrub check` names them).
    let newestAnsweredAt: String
    let newestExpiresAt: String?

    fileprivate init(name: String, kind: RegistryKind, country: String, snapshots: [ConsultationSnapshot]) {
      self.name = name
      self.kind = kind
      self.country = country
      self.snapshots = snapshots
      newestAnsweredAt = snapshots.first?.answeredAt ?? ""
      newestExpiresAt = snapshots.first?.expiresAt
    }
  }

  /// One number's answer: the deciding consultation (index into `used`) and its verdict.
  struct Answer {
    var consultation: Int
    var verdict: ConsultationVerdict
  }

  /// Every consultation loaded, newest answer first.
  private(set) var used: [Used] = []
  /// Numbers each consultation of `used` decided in this run (suppressed or kept on it).
  /// (Counted per number by the writing thread alone: no runtime exclusivity check.)
  @exclusivity(unchecked) var decided: [Int] = []
  /// The sources, in name order.
  let sources: [Source]
  /// The query day lists of the reassigned sources' consultations, by consultation id.
  private var queryDays: [Int64: (numbers: [Int64], days: [CivilDay])] = [:]
  private var sectorScan: RawStatement?
  private var prepared = false

  /// An empty lookup: no consulted source.
  init() {
    sources = []
  }

  /// Loads the consultations answered by `instant` of `names`' consulted sources (nil: every
  /// source).
  init(_ db: Database, names: [String]?, instant: Date) throws {
    let all = try Store.consultations(db, answeredBy: instant)
      .filter { names?.contains($0.source) ?? true }
    var bySource: [String: [ConsultationSnapshot]] = [:]
    for snapshot in all { bySource[snapshot.source, default: []].append(snapshot) }
    var loaded: [Source] = []
    for name in bySource.keys.sorted() {
      let snapshots = bySource[name]!
      loaded.append(
        Source(name: name, kind: snapshots[0].kind, country: snapshots[0].country, snapshots: snapshots))
    }
    sources = loaded
    for source in loaded {
      for snapshot in source.snapshots {
        used.append(
          Used(
            id: snapshot.id, source: snapshot.source, format: snapshot.format,
            answeredAt: snapshot.answeredAt,
            answeredAtGuessed: snapshot.answeredAtGuessed, expiresAt: snapshot.expiresAt,
            expired: snapshot.expired(at: instant), fileSHA256: snapshot.fileSHA256,
            listed: snapshot.listed.count, clear: snapshot.clear.count, noData: snapshot.noData.count,
            answeredOn: String(snapshot.answeredAt.prefix(10)),
            expiresOn: snapshot.expiresAt.map { String($0.prefix(10)) }))
        if source.kind == .reassigned {
          let query = try ConsultationQueryRecord.fetchOne(
            db, sql: "SELECT * FROM consultation_query WHERE id = ?", arguments: [snapshot.queryID])
          if let query, let numbers = try query.queriedNumbers(), let days = try query.queriedDays(),
            numbers.count == days.count
          {
            queryDays[snapshot.id] = (numbers, days)
          }
        }
      }
    }
    decided = [Int](repeating: 0, count: used.count)
    if loaded.contains(where: {
      $0.kind != .reassigned && $0.snapshots.contains { $0.format == .robinsonResult }
    }) {
      sectorScan = try RawStatement(
        db,
        """
        SELECT number, consultation_id, sectors FROM consultation_answer
        WHERE answer = 'listed' AND sectors IS NOT NULL AND sectors <> ''
        """)
    }
  }

  /// The consultations as the run record names them; nil when none was loaded.
  var recorded: [RunRecord.Consultation]? {
    guard !used.isEmpty else { return nil }
    let kinds = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) })
    return used.enumerated().map { i, used in
      RunRecord.Consultation(
        id: used.id, source: used.source, kind: kinds[used.source]?.kind.rawValue ?? "",
        country: kinds[used.source]?.country ?? "", format: used.format.rawValue, answeredAt: used.answeredAt,
        answeredAtGuessed: used.answeredAtGuessed ? true : nil, expiresAt: used.expiresAt,
        expired: used.expired,
        fileSHA256: used.fileSHA256, listed: used.listed, clear: used.clear, noData: used.noData,
        numbersDecided: decided[i])
    }
  }

  /// The do-not-call sources (every kind but `reassigned`), and the reassigned ones.
  var doNotCall: [Source] { sources.filter { $0.kind != .reassigned } }
  var reassigned: [Source] { sources.filter { $0.kind == .reassigned } }

  /// Merges each source's consultations, newest first, into its sorted arrays, and reads the
  /// listed numbers' sectors. Idempotent; the first stage that needs it runs it.
  func prepare() throws {
    guard !prepared else { return }
    prepared = true
    var indexOf: [Int64: Int] = [:]
    for (i, used) in used.enumerated() { indexOf[used.id] = i }
    for source in sources {
      var numbers: [Int64] = []
      var entries: [UInt32] = []
      for snapshot in source.snapshots {
        let index = UInt32(indexOf[snapshot.id]!)
        let (n, e) = Self.merge(snapshot, index: index)
        if numbers.isEmpty {
          (numbers, entries) = (n, e)
        } else {
          (numbers, entries) = Self.merge(newer: (numbers, entries), older: (n, e))
        }
      }
      source.numbers = numbers
      source.entries = entries
      if source.kind == .reassigned {
        var asked = [Int32](repeating: -1, count: numbers.count)
        for (i, number) in numbers.enumerated() {
          let id = used[Int(entries[i] >> 2)].id
          guard let query = queryDays[id] else { continue }
          let j = query.numbers.lowerBound(of: number)
          if j < query.numbers.count && query.numbers[j] == number {
            asked[i] = Int32(query.days[j].daysSinceEpoch)
          }
        }
        source.askedOn = asked
      }
      // The decoded lists are merged: only the arrays above are kept.
      source.snapshots = []
    }
    queryDays = [:]
    if let scan = sectorScan {
      sectorScan = nil
      let byID = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1.id, $0) })
      while try scan.step() {
        let number = scan.int64(0)
        guard let index = byID[scan.int64(1)] else { continue }
        for source in sources where source.name == used[index].source {
          // Only the deciding consultation's sectors.
          if let answer = self.answer(source, number), answer.consultation == index {
            source.sectors[number] = scan.text(2)
          }
        }
      }
      scan.reset()
    }
  }

  /// One consultation's numbers, merged from its three lists (disjoint, each ascending).
  private static func merge(_ snapshot: ConsultationSnapshot, index: UInt32) -> ([Int64], [UInt32]) {
    let lists = [snapshot.listed, snapshot.clear, snapshot.noData]
    var numbers: [Int64] = []
    var entries: [UInt32] = []
    let total = lists.reduce(0) { $0 + $1.count }
    numbers.reserveCapacity(total)
    entries.reserveCapacity(total)
    var at = [0, 0, 0]
    while true {
      var best = -1
      for v in 0..<3 where at[v] < lists[v].count {
        if best < 0 || lists[v][at[v]] < lists[best][at[best]] { best = v }
      }
      guard best >= 0 else { break }
      numbers.append(lists[best][at[best]])
      entries.append(index << 2 | UInt32(best))
      at[best] += 1
    }
    return (numbers, entries)
  }

  /// Two sorted answer lists merged; on a number both answered, the newer's answer stands.
  private static func merge(newer: ([Int64], [UInt32]), older: ([Int64], [UInt32])) -> ([Int64], [UInt32]) {
    let (a, ae) = newer
    let (b, be) = older
    var numbers: [Int64] = []
    var entries: [UInt32] = []
    numbers.reserveCapacity(a.count + b.count)
    entries.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i] <= b[j]) {
        if j < b.count && a[i] == b[j] { j += 1 }
        numbers.append(a[i])
        entries.append(ae[i])
        i += 1
      } else {
        numbers.append(b[j])
        entries.append(be[j])
        j += 1
      }
    }
    return (numbers, entries)
  }

  /// For sorted, distinct `numbers` (a batch's): the index into `source.numbers` of each one's
  /// answer, or -1 when no consultation of the source answered it. One forward pass, galloping
  /// between hits.
  func answers(_ source: Source, sorted numbers: [Int64]) -> [Int32] {
    var out = [Int32](repeating: -1, count: numbers.count)
    let known = source.numbers
    let n = known.count
    guard n > 0 else { return out }
    var j = 0
    for (i, number) in numbers.enumerated() {
      if j < n && known[j] < number {
        var step = 1
        var hi = j + 1
        while hi < n && known[hi] < number {
          j = hi
          step &*= 2
          hi = j + step
        }
        j = known.lowerBound(of: number, from: j + 1, to: min(hi + 1, n))
      }
      if j < n && known[j] == number { out[i] = Int32(j) }
    }
    return out
  }

  /// For sorted, distinct `numbers`: each one's packed answer (`Source.entries`; decode it with
  /// `answer(entry:)`), or `noAnswer`. The entries are read in ascending order, as the numbers
  /// are: a stage that then reads them in its candidates' order reads a batch-sized array, not
  /// the source's whole list at random.
  func answerEntries(_ source: Source, sorted numbers: [Int64]) -> [UInt32] {
    let at = answers(source, sorted: numbers)
    let entries = source.entries
    return at.map { $0 >= 0 ? entries[Int($0)] : Self.noAnswer }
  }

  /// `answerEntries`' value for a number no consultation answered.
  static let noAnswer = UInt32.max

  /// The answer at `index` of `source.numbers`.
  func answer(_ source: Source, at index: Int) -> Answer {
    Self.answer(entry: source.entries[index])
  }

  /// The answer a packed entry of `Source.entries` holds.
  static func answer(entry: UInt32) -> Answer {
    let verdict: ConsultationVerdict =
      switch entry & 3 {
      case 0: .listed
      case 1: .clear
      default: .noData
      }
    return Answer(consultation: Int(entry >> 2), verdict: verdict)
  }

  /// `number`'s answer from `source`, if any consultation of it answered (a binary search: for
  /// a few numbers).
  func answer(_ source: Source, _ number: Int64) -> Answer? {
    let i = source.numbers.lowerBound(of: number)
    guard i < source.numbers.count, source.numbers[i] == number else { return nil }
    return answer(source, at: i)
  }
}

extension Store {
  /// Records answers to the latest query of `source` as one consultation, in one transaction,
  /// creating the consulted source (of `kind`, the query's country) when the store lacks it:
  /// for tools that make answers without a file (`scrub-bench consultation-answer`); imports go
  /// through `registry import`. `make` builds the answers from the query and the source's id.
  public func recordConsultation(
    answeringLatestQueryOf source: String, kind: RegistryKind, maxAgeDays: Int?, now: Date,
    recordedBy: String, toolVersion: String,
    _ make: (ConsultationQueryRecord, _ sourceID: Int64) throws -> ConsultationAnswers
  ) throws -> Int64 {
    try guarded {
      try queue.write { db in
        guard
          let query = try ConsultationQueryRecord.fetchOne(
            db, sql: "SELECT * FROM consultation_query WHERE source = ? ORDER BY id DESC LIMIT 1",
            arguments: [source])
        else {
          throw ScrubError.notFound(
            "no query of \(source) is recorded",
            hint: "write one first: scrub registry query \(source) INPUT...")
        }
        let stored =
          try RegistrySource.fetchOne(db, sql: "SELECT * FROM source WHERE name = ?", arguments: [source])
          ?? Store.createConsultedSource(
            db, name: source, kind: kind, country: query.country, maxAgeDays: maxAgeDays, now: now)
        return try Store.recordConsultation(
          db, try make(query, stored.id), importedAt: now, recordedBy: recordedBy, toolVersion: toolVersion)
      }
    }
  }
}
