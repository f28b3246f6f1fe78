import ArgumentParser
import ListScrub

/// `registry import --format`: a downloaded registry's line format, or a consulted registry's
/// answer format (which imports a consultation instead of a snapshot).
enum RegistryImportFormat: ExpressibleByArgument, Equatable {
  case file(RegistryFormat)
  case result(ConsultationResultFormat)

  init?(argument: String) {
    if let format = RegistryFormat(rawValue: argument) {
      self = .file(format)
    } else if let format = ConsultationResultFormat(rawValue: argument) {
      self = .result(format)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] {
    RegistryFormat.allCases.map(\.rawValue) + ConsultationResultFormat.allCases.map(\.rawValue)
  }

  var defaultValueDescription: String {
    switch self {
    case .file(let f): f.rawValue
    case .result(let f): f.rawValue
    }
  }
}

extension ListedResultHolds: ExpressibleByArgument {}
