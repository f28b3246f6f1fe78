import Foundation

/// Header names compare case- and punctuation-insensitively: `Phone Number` = `phone_number`.
public enum HeaderMatch {
  public static func key(_ header: String) -> String {
    String(header.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
  }
}
