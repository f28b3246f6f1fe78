/// NANP validity: the shape rules, plus which area codes and exchanges are in service, read from
/// the generated `NANPAreaCodeData` (see `scripts/gen-nanp-table.py`).
///
/// Generated from current metadata (phonenumbers 9.0.43), with scrub's own NANP rules (N11,
/// 555-01xx) on top; `PhoneEngine` leaves +1 validity to it.
final class NANPTable: Sendable {
  /// Shared, built on first use from the generated text (about 0.1 ms).
  static let shared = NANPTable(
    inService: NANPAreaCodeData.inService, splitExchanges: NANPAreaCodeData.splitExchanges)

  // One bit per NPA*1000+NXX; 125 KB, so a lookup is one load.
  private let exchanges: [UInt64]
  // One bit per NPA that has any exchange in service.
  private let areaCodes: [UInt64]
  // Exchanges valid only for some first line digits: NPA*1000+NXX -> bit mask of digits.
  private let split: [Int: UInt16]

  init(inService: String, splitExchanges: String) {
    var exchanges = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)
    var areaCodes = [UInt64](repeating: 0, count: 1000 / 64 + 1)
    func set(_ bits: inout [UInt64], _ index: Int) { bits[index >> 6] |= 1 << UInt64(index & 63) }
    for line in inService.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: ":")
      guard let npa = Int(parts[0].trimmingSpaces) else { continue }
      set(&areaCodes, npa)
      if parts.count == 1 {
        for nxx in 200...999 { set(&exchanges, npa * 1000 + nxx) }
        continue
      }
      for range in parts[1].split(separator: ",") {
        let bounds = range.split(separator: "-").compactMap { Int($0) }
        for nxx in bounds[0]...bounds[bounds.count - 1] { set(&exchanges, npa * 1000 + nxx) }
      }
    }
    var split: [Int: UInt16] = [:]
    for line in splitExchanges.split(whereSeparator: \.isNewline) {
      let parts = line.trimmingSpaces.split(separator: ":")
      let prefix = parts[0].split(separator: "-").compactMap { Int($0) }
      guard prefix.count == 2, parts.count == 2 else { continue }
      set(&areaCodes, prefix[0])
      split[prefix[0] * 1000 + prefix[1]] = parts[1].split(separator: ",").reduce(0) {
        $0 | UInt16(1) << UInt16(Int($1) ?? 0)
      }
    }
    self.exchanges = exchanges
    self.areaCodes = areaCodes
    self.split = split
  }

  /// Why the 10-digit national number is not valid, or nil when it is. The order decides the
  /// reason: area code, then exchange, then the fictional range.
  @inline(__always)
  func rejection(national: Int64) -> PhoneRejection? {
    let prefix = Int(truncatingIfNeeded: national / 10_000)
    let npa = prefix / 1000
    let nxx = prefix - npa * 1000
    // Shape rules first: they hold whatever the metadata says.
    if npa < 200 || npa % 100 == 11 || npa / 10 % 10 == 9 { return .invalidAreaCode }
    if areaCodes[npa >> 6] & (1 << UInt64(npa & 63)) == 0 { return .invalidAreaCode }
    if nxx < 200 || nxx % 100 == 11 { return .invalidExchange }
    if exchanges[prefix >> 6] & (1 << UInt64(prefix & 63)) == 0 {
      guard let digits = split[prefix] else { return .invalidExchange }
      let digit = Int(national / 1000 % 10)
      if digits & (1 << UInt16(digit)) == 0 { return .invalidExchange }
    }
    let line = national % 10_000
    if nxx == 555 && line >= 100 && line <= 199 { return .fictional }
    return nil
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return text
  }
}
