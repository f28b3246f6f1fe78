import Foundation

/// Phone normalization of each phone column: `missing_phone` when no phone cell has text,
/// `invalid_phone` (with the normalizer's reason) per cell that fails the validation level. A
/// row's country column, when set, gives the region its national numbers are read in.
final class PhoneStage: RowStage {
  static let name = "phone"
  static let reasons: [SuppressionReason] = [.missingPhone, .invalidPhone]
  static let help = "missing_phone / invalid_phone"

  private let normalizer = PhoneNormalizer()
  @exclusivity(unchecked) private var slowPath = SlowPathCache()
  private let defaultRegion: PhoneRegion
  private let phoneColumns: [Int]
  private let countryColumn: Int?
  private let headers: [String]
  private let options: CleanOptions
  private let input: String

  init?(_ setup: StageSetup) {
    options = setup.options
    defaultRegion = PhoneRegion(setup.options.region) ?? .us
    phoneColumns = setup.plan.phoneColumns
    countryColumn = setup.plan.countryColumn
    headers = setup.plan.headers
    input = setup.input
  }

  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool {
    var region = defaultRegion
    if let countryColumn {
      let text = row.string(countryColumn).trimmingCharacters(in: .whitespaces)
      if !text.isEmpty {
        guard let parsed = PhoneRegion(text) else {
          var any = false
          for column in phoneColumns where !isBlank(row.bytes(column)) {
            work.remove(column: column, .invalidPhone, "unknown country '\(text)'")
            any = true
          }
          if !any { work.remove(column: nil, .missingPhone, "no phone number") }
          return false
        }
        region = parsed
      }
    }
    var anyText = false
    for column in phoneColumns {
      let result = normalizer.normalize(row.bytes(column), region: region, cache: &slowPath)
      if result.rejection == .empty { continue }
      anyText = true
      if let number = result.accepted(at: options.level) {
        work.candidates.append((column, number.e164))
      } else {
        let reason = (result.rejection ?? .notANumber).rawValue
        if options.strict {
          throw ScrubError.badData(
            location: "\(input):\(row.line):\(column + 1) (\(options.mask.cell(headers[column], limit: 60)))",
            message: "invalid phone number \(options.mask(row.string(column))): \(reason)",
            hint: "fix the cell, or run without \(option: .strict) to list it in the suppressed file")
        }
        work.remove(column: column, .invalidPhone, reason)
      }
    }
    if !anyText {
      work.remove(column: nil, .missingPhone, "no phone number")
      return false
    }
    return true
  }

  private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }
}
