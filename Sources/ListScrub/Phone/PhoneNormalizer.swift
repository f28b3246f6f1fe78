/// Turns a vendor's phone cell into an E.164 number, its extension, and a validity verdict.
///
/// Stages, in order (the order decides the reason a cell is counted under):
/// 1. `PhoneCellCleanup`: spreadsheet damage; `empty`, or `not_a_number` for scientific notation.
/// 2. `NANPFastPath`: the common US/Canada shapes, in Swift, allocation-free.
/// 3. `PhoneEngine` for everything else: other countries, `00`/`011` prefixes, trunk `0`,
///    vanity letters (3 or more), unusual extensions; phonenumbers' rules on tables generated
///    from its metadata (scripts/gen-phone-engine.py).
/// 4. Validity: for +1 from `NANPTable` (with scrub's N11 and 555-01xx rules), for other
///    countries from the engine's tables.
///
/// A merely possible number keeps its `number`: see `PhoneResult` for the registry-lookup policy.
/// Thread-safe; make one per worker and reuse it.
///
/// Per CSV cell: `normalizer.normalize(cellBytes, region: region)`.
public struct PhoneNormalizer: Sendable {
  private let table: NANPTable
  private let fastPath: Bool

  /// - Parameter fastPath: false sends every cell to the engine; for tests and benchmarks.
  public init(fastPath: Bool = true) {
    self.table = NANPTable.shared
    self.fastPath = fastPath
  }

  /// The metadata the NANP table was generated from, e.g. `phonenumbers 9.0.43`.
  public static var nanpDataVersion: String { NANPAreaCodeData.sourceVersion }

  /// The metadata the engine's tables (every other country) were generated from.
  public static var engineDataVersion: String { PhoneEngine.dataVersion }

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

  /// As ``normalize(_:region:)``, remembering the engine's answers in `cache` (one per thread):
  /// for a file's worth of cells, where the slow path's inputs repeat.
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
    /// The cleaned text, `cell[start..<end]`, is for the engine.
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

  /// No phone cell is longer: libphonenumber's own input limit (`kMaxInputStringLength`, 250
  /// characters in phonenumbers too). Longer cells are refused before parsing (the linked C++
  /// library once took hours on a 10 MB cell of digits; found by the bad-input tests).
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
    PhoneEngine.shared.result(
      UnsafeBufferPointer(rebasing: cell[start..<end]), region: region, table: table)
  }

  /// Normalizes `text` with `region` as the default for national formats.
  public func normalize(_ text: String, region: PhoneRegion) -> PhoneResult {
    var text = text
    return text.withUTF8 { normalize($0, region: region) }
  }
}
