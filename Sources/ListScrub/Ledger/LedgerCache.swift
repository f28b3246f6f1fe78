import Foundation
import GRDB

/// The ledger as a scrub holds it in memory — sorted numbers, their states, the latest opt-out
/// day of consented numbers — saved as blobs after a scrub computed it, and read back by the
/// next scrub at the same ledger position and campaign. A million events then cost a copy of
/// 16 MB instead of a walk of a million index entries. Never history: any change to the ledger
/// moves its position, and a cache row at another position is ignored.
struct LedgerCache {
  /// Bump when `OptOutRules` or the encoding change: older rows are then ignored. (2: an area
  /// code's opt-in no longer lifts a number's own opt-out. 3: a state's day is the day of
  /// receipt in its batch's zone, not UTC's, and names that zone.)
  static let format: Int64 = 3

  /// Bytes per state: day (Int32), channel, flags, campaign (Int16), zone (Int16).
  static let stateSize = 10

  /// The `campaigns` column: the names the states' indices point into.
  private struct Names: Codable {
    var campaigns: [String]
    var zones: [String]
  }

  /// Ledgers smaller than this are read directly (fast enough; no write after the scrub).
  static var minimumEvents: Int64 {
    ProcessInfo.processInfo.environment["SCRUB_LEDGER_CACHE_MIN"].flatMap(Int64.init) ?? 50_000
  }

  var campaigns: [String]
  /// The zones the states' days are in (index 0: UTC).
  var zones: [String]
  var numbers: [Int64]
  var states: [LedgerLookup.Blocker?]
  var consentOptOuts: [(number: Int64, day: CivilDay)]

  static func key(_ campaign: String?) -> String { campaign ?? "" }

  /// The cache row for `campaign` at `position`, if there is one.
  static func read(_ db: Database, campaign: String?, position: LedgerPosition) throws -> LedgerCache? {
    let scan = try RawStatement(
      db,
      """
      SELECT campaigns, numbers, states, consent_optouts FROM ledger_cache
      WHERE campaign = ? AND format = ? AND last_event_id = ? AND last_consent_id = ?
        AND last_correction_id = ?
      """)
    scan.bind(1, text: key(campaign))
    scan.bind(2, format)
    scan.bind(3, position.lastEventID)
    scan.bind(4, position.lastConsentID)
    scan.bind(5, position.lastCorrectionID)
    guard try scan.step() else { return nil }
    guard let names = try? JSONDecoder().decode(Names.self, from: Data(scan.text(0).utf8)) else { return nil }
    let numberBytes = scan.blob(1)
    let stateBytes = scan.blob(2)
    let pairBytes = scan.blob(3)
    let count = numberBytes.count / 8
    let size = stateSize
    guard stateBytes.count == count * size, pairBytes.count % 16 == 0 else { return nil }
    let numbers = [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
      for i in 0..<count {
        buffer[i] = Int64(littleEndian: numberBytes.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
      }
      initialized = count
    }
    var states = [LedgerLookup.Blocker?]()
    states.reserveCapacity(count)
    for i in 0..<count {
      let flags = stateBytes[i * size + 5]
      guard flags & 1 != 0 else {
        states.append(nil)
        continue
      }
      states.append(
        LedgerLookup.Blocker(
          day: Int32(littleEndian: stateBytes.loadUnaligned(fromByteOffset: i * size, as: Int32.self)),
          channel: stateBytes[i * size + 4], wildcard: flags & 2 != 0,
          campaign: Int16(
            littleEndian: stateBytes.loadUnaligned(fromByteOffset: i * size + 6, as: Int16.self)),
          zone: Int16(littleEndian: stateBytes.loadUnaligned(fromByteOffset: i * size + 8, as: Int16.self))))
    }
    var pairs: [(number: Int64, day: CivilDay)] = []
    for i in 0..<(pairBytes.count / 16) {
      let number = Int64(littleEndian: pairBytes.loadUnaligned(fromByteOffset: i * 16, as: Int64.self))
      let day = Int64(littleEndian: pairBytes.loadUnaligned(fromByteOffset: i * 16 + 8, as: Int64.self))
      pairs.append((number, CivilDay(daysSinceEpoch: Int(day))))
    }
    scan.reset()
    return LedgerCache(
      campaigns: names.campaigns, zones: names.zones, numbers: numbers, states: states, consentOptOuts: pairs)
  }

  /// Replaces the row for `campaign` with this one, computed at `position`.
  func write(_ db: Database, campaign: String?, position: LedgerPosition) throws {
    var numberBytes = [UInt8](repeating: 0, count: numbers.count * 8)
    let size = Self.stateSize
    var stateBytes = [UInt8](repeating: 0, count: numbers.count * size)
    numberBytes.withUnsafeMutableBytes { out in
      for (i, n) in numbers.enumerated() {
        out.storeBytes(of: n.littleEndian, toByteOffset: i * 8, as: Int64.self)
      }
    }
    stateBytes.withUnsafeMutableBytes { out in
      for (i, state) in states.enumerated() {
        guard let b = state else { continue }
        out.storeBytes(of: b.day.littleEndian, toByteOffset: i * size, as: Int32.self)
        out[i * size + 4] = b.channel
        out[i * size + 5] = 1 | (b.wildcard ? 2 : 0)
        out.storeBytes(of: b.campaign.littleEndian, toByteOffset: i * size + 6, as: Int16.self)
        out.storeBytes(of: b.zone.littleEndian, toByteOffset: i * size + 8, as: Int16.self)
      }
    }
    var pairBytes = [UInt8](repeating: 0, count: consentOptOuts.count * 16)
    pairBytes.withUnsafeMutableBytes { out in
      for (i, pair) in consentOptOuts.enumerated() {
        out.storeBytes(of: pair.number.littleEndian, toByteOffset: i * 16, as: Int64.self)
        out.storeBytes(
          of: Int64(pair.day.daysSinceEpoch).littleEndian, toByteOffset: i * 16 + 8, as: Int64.self)
      }
    }
    let names = String(
      decoding: try JSONEncoder().encode(Names(campaigns: campaigns, zones: zones)), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO ledger_cache
          (campaign, format, last_event_id, last_consent_id, last_correction_id, campaigns, numbers, states,
           consent_optouts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        Self.key(campaign), Self.format, position.lastEventID, position.lastConsentID,
        position.lastCorrectionID, names,
        Data(numberBytes),
        Data(stateBytes), Data(pairBytes),
      ])
  }
}
