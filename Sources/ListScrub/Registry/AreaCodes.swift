import Foundation

/// Comma lists of NANP area codes, as snapshots store them.
public enum AreaCodes {
  public static func parse(_ text: String) -> [Int] {
    text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  public static func format(_ codes: Set<Int>) -> String {
    codes.sorted().map(String.init).joined(separator: ",")
  }
}
