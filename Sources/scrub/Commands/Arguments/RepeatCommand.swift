import Foundation
import ListScrub

/// The command line as typed, with more options: a hint's exact command to repeat (`scrub optout
/// import dnc.csv --timezone ZONE`). Arguments are quoted for a POSIX shell where they need it;
/// the phone numbers among them (`numbers`) are masked as every message masks them, unless
/// `--show-numbers`.
enum RepeatCommand {
  static func adding(_ extra: String, numbers: [String] = [], mask: PhoneMask) -> String {
    let masked = Set(numbers)
    let words = CommandLine.arguments.dropFirst().map { word in
      quoted(masked.contains(word) ? mask(word) : word)
    }
    return (["scrub"] + words + [extra]).joined(separator: " ")
  }

  /// `word`, or `'word'` when it holds anything but letters, digits and `_ . / : = + @ % , -`
  /// (a masked `+1******0123` and a wildcard `+1201*` are quoted: a shell would expand them).
  static func quoted(_ word: String) -> String {
    let plain = CharacterSet(charactersIn: "_./:=+@%,-").union(.alphanumerics)
    if !word.isEmpty && word.unicodeScalars.allSatisfy({ $0.isASCII && plain.contains($0) }) {
      return word
    }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
