import CPhoneNumber

/// Turns a vendor's phone cell into an E.164 number, its extension, and a validity verdict.
///
/// Stages, in order (the order decides the reason a cell is counted under):
/// 1. `PhoneCellCleanup`: spreadsheet damage; `empty`, or `not_a_number` for scientific notation.
/// 2. `NANPFastPath`: the common US/Canada shapes, in Swift, allocation-free.
/// 3. libphonenumber (`LibPhoneNumber`) for everything else: other countries, `00`/`011`
///    prefixes, trunk `0`, vanity letters (3 or more), unusual extensions.
/// 4. Validity: for +1 from `NANPTable` (generated, fresher than the linked library), for other
///    countries from libphonenumber.
///
/// A merely possible number keeps its `number`: see `PhoneResult` for the registry-lookup policy.
/// Thread-safe; make one per worker and reuse it.
///
/// Per CSV cell: `normalizer.normalize(cellBytes, region: region)`.
public struct PhoneNormalizer: Sendable {
  private let table: NANPTable
  private let fastPath: Bool

  /// - Parameter fastPath: false sends every cell to libphonenumber; for tests and benchmarks.
  public init(fastPath: Bool = true) {
    self.table = NANPTable.shared
    self.fastPath = fastPath
  }

  /// The metadata the NANP table was generated from, e.g. `phonenumbers 9.0.43`.
  public static var nanpDataVersion: String { NANPAreaCodeData.sourceVersion }

  /// Normalizes raw UTF-8 cell bytes with `region` as the default for national formats.
  /// Allocates nothing when the fast path answers.
  public func normalize(_ cell: UnsafeBufferPointer<UInt8>, region: PhoneRegion) -> PhoneResult {
    switch answer(cell, region: region) {
    case .done(let result):
      return result
    case .library(let start, let end):
      return library(cell, start: start, end: end, region: region)
    }
  }

  /// As ``normalize(_:region:)``, remembering libphonenumber's answers in `cache` (one per
  /// thread): for a file's worth of cells, where the slow path's inputs repeat.
  public func normalize(
    _ cell: UnsafeBufferPointer<UInt8>, region: PhoneRegion, cache: inout SlowPathCache
  ) -> PhoneResult {
    switch answer(cell, region: region) {
    case .done(let result):
      return result
    case .library(let start, let end):
      return cache.result(UnsafeBufferPointer(rebasing: cell[start..<end]), region: region) {
        library(cell, start: start, end: end, region: region)
      }
    }
  }

  private enum Answer {
    case done(PhoneResult)
    /// The cleaned text, `cell[start..<end]`, is for libphonenumber.
    case library(start: Int, end: Int)
  }

  /// Stages 1 and 2, and the length limit; stage 3 is left to the caller.
  @inline(__always)
  private func answer(_ cell: UnsafeBufferPointer<UInt8>, region: PhoneRegion) -> Answer {
    switch PhoneCellCleanup.clean(cell) {
    case .empty:
      return .done(.rejected(.empty))
    case .scientific:
      return .done(.rejected(.notANumber))
    case .text(let start, let end):
      if end - start > Self.maxCellBytes {
        return .done(.rejected(Self.overlongReason(UnsafeBufferPointer(rebasing: cell[start..<end]))))
      }
      if fastPath,
        let result = NANPFastPath.parse(
          cell, start: start, end: end, regionIsNANP: region.isNANP, table: table)
      {
        return .done(result)
      }
      return .library(start: start, end: end)
    }
  }

  /// No phone cell is longer: libphonenumber's own input limit (`kMaxInputStringLength`). Longer
  /// cells are refused before parsing, which is quadratic in the digits (a 10 MB cell of digits
  /// would take hours; found by the bad-input tests).
  static let maxCellBytes = 250

  /// A cell over the limit: `too_long` when it is mostly a run of digits, else `not_a_number`.
  static func overlongReason(_ text: UnsafeBufferPointer<UInt8>) -> PhoneRejection {
    var digits = 0
    for byte in text where byte >= 0x30 && byte <= 0x39 { digits += 1 }
    return digits > maxCellBytes / 2 ? .tooLong : .notANumber
  }

  private func library(
    _ cell: UnsafeBufferPointer<UInt8>, start: Int, end: Int, region: PhoneRegion
  ) -> PhoneResult {
    guard let base = cell.baseAddress else { return .rejected(.empty) }
    let text = UnsafeBufferPointer(start: base + start, count: end - start)
    let raw =
      LibPhoneNumber.withCompactInternational(text) { compact in
        LibPhoneNumber.raw(compact.baseAddress!, count: compact.count, region: region)
      } ?? LibPhoneNumber.raw(base + start, count: end - start, region: region)
    return LibPhoneNumber.result(raw, table: table)
  }

  /// Normalizes `text` with `region` as the default for national formats.
  public func normalize(_ text: String, region: PhoneRegion) -> PhoneResult {
    var text = text
    return text.withUTF8 { normalize($0, region: region) }
  }

  /// The linked libphonenumber's own verdict (with its own, older NANP data), after the same
  /// cleanup: for agreement reports against the oracle, not for scrubbing.
  func libraryVerdict(_ text: String, region: PhoneRegion) -> (possible: Bool, valid: Bool) {
    var text = text
    return text.withUTF8 { cell in
      guard case .text(let start, let end) = PhoneCellCleanup.clean(cell),
        let base = cell.baseAddress
      else { return (false, false) }
      let raw = LibPhoneNumber.raw(
        base + start, count: end - start, region: region, nanpValidity: true)
      let possible = raw.parse_error == 0 && raw.possibility == 0
      return (possible, possible && raw.valid == 1)
    }
  }
}
