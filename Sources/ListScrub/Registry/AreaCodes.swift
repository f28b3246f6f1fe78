import Foundation

/// A comma list of NANP area codes: what a registry download covers (`registry import
/// --area-codes 201,202,646`), and what a snapshot stores.
public struct AreaCodes: Hashable, Sendable, CustomStringConvertible {
  /// The codes in the order given.
  public var codes: [Int]

  public init(_ codes: [Int]) { self.codes = codes }

  /// A list given on the command line (`role` is the option that gave it): a part that is not a
  /// number is a usage error. Whether each number is a NANP area code is the import's to judge.
  public static func option(_ text: String, role: OptionRole = .areaCodes) throws -> AreaCodes {
    AreaCodes(
      try text.split(separator: ",").map { part in
        guard let code = Int(part.trimmingCharacters(in: .whitespaces)) else {
          throw ScrubError.usage(
            "\(option: role): '\(part)' is not a number", hint: "give codes like 201,202,646")
        }
        return code
      })
  }

  /// A stored list; parts that are not numbers are skipped.
  public static func parse(_ text: String) -> [Int] {
    text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  public static func format(_ codes: Set<Int>) -> String {
    codes.sorted().map(String.init).joined(separator: ",")
  }

  /// The codes as given, comma-separated: `201,202,646`.
  public var description: String { codes.map(String.init).joined(separator: ",") }
}
