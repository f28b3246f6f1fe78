import Foundation

/// The registry sources a scrub checks: every one in the database, or those named
/// (`clean --sources us-ftc,tx-dnc`). A name the database lacks is refused when the scrub loads
/// its registries, with the names it has.
public enum SourceSelection: Hashable, Sendable, CustomStringConvertible {
  case all
  case named([String])

  /// `all`, or names separated by commas (spaces around a name are dropped).
  public init(_ text: String) {
    if text == "all" {
      self = .all
    } else {
      self = .named(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
  }

  /// The names, as ``CleanOptions/sources`` takes them: nil for all.
  public var names: [String]? {
    switch self {
    case .all: nil
    case .named(let names): names
    }
  }

  public var description: String { names?.joined(separator: ",") ?? "all" }
}
