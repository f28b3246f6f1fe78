import Foundation
import Testing

/// man/scrub.1 is generated from the help text and committed (`make install` copies it). This
/// cheap check fails when a command, an abstract, a line of a discussion or an option's help is
/// not in the page, the usual sign that help changed without `scripts/man-page.sh`; `make test`
/// and CI also regenerate the page and compare it byte for byte (`scripts/man-page.sh --check`).
@Suite struct ManPageTests {
  /// The page's text with mdoc's escapes undone; generate-manual drops non-ASCII characters, so
  /// the help text is compared without them too.
  static func pageText() throws -> String {
    let url = NightlyRefreshTests.root.appendingPathComponent("man/scrub.1")
    return try String(contentsOf: url, encoding: .utf8)
      .replacingOccurrences(of: #"\(dq"#, with: "\"")
      .replacingOccurrences(of: #"\e"#, with: #"\"#)
      .replacingOccurrences(of: #"\&"#, with: "")
  }

  static func ascii(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII)))
  }

  @Test func thePageHoldsEveryCommandsHelp() throws {
    let page = try Self.pageText()
    var missing: [String] = []
    for (path, command) in try HelpTests.commands() {
      let name = path.isEmpty ? "scrub" : "scrub \(path)"
      if !path.isEmpty, !page.contains(".It Em \(command.commandName)\n") {
        missing.append("\(name): no entry")
      }
      var texts = [command.abstract ?? ""]
      texts += (command.discussion ?? "").split(separator: "\n").map(String.init)
      for argument in command.arguments ?? [] where argument.shouldDisplay {
        texts.append(argument.abstract ?? "")
        texts += (argument.discussion ?? "").split(separator: "\n").map(String.init)
      }
      for text in texts.map(Self.ascii) where !text.trimmingCharacters(in: .whitespaces).isEmpty {
        if !page.contains(text) { missing.append("\(name): \(text)") }
      }
    }
    #expect(
      missing.isEmpty,
      "man/scrub.1 is out of date (run scripts/man-page.sh and commit it); missing:\n\(missing.joined(separator: "\n"))"
    )
  }
}
