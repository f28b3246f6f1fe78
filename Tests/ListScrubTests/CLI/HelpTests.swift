import Foundation
import Testing

/// The help is the documentation a person reads first: every command must explain itself, show
/// examples and defaults, and appear in the README's command table. New commands fail here until
/// they do.
@Suite struct HelpTests {
  /// The part of swift-argument-parser's `--experimental-dump-help` JSON these checks read.
  struct Dump: Decodable {
    var command: Command
  }

  struct Command: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var subcommands: [Command]?
    var arguments: [Argument]?
  }

  struct Argument: Decodable {
    var kind: String
    var abstract: String?
    var discussion: String?
    var defaultValue: String?
    var isOptional: Bool
    var isRepeating: Bool
    var valueName: String?
    var shouldDisplay: Bool
  }

  /// Every command below `scrub`, with its full path (`registry import`); `help` is the parser's.
  static func commands() throws -> [(path: String, command: Command)] {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["--experimental-dump-help"], in: dir)
    #expect(r.status == 0)
    let root = try JSONDecoder().decode(Dump.self, from: Data(r.stdout.utf8)).command
    var found: [(String, Command)] = [("", root)]
    func walk(_ command: Command, _ prefix: String) {
      for sub in command.subcommands ?? [] where sub.commandName != "help" {
        let path = prefix.isEmpty ? sub.commandName : prefix + " " + sub.commandName
        found.append((path, sub))
        walk(sub, path)
      }
    }
    walk(root, "")
    return found
  }

  static var readme: String {
    get throws {
      let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }
  }

  @Test func everyCommandHasAnAbstractAndEveryLeafExamples() throws {
    for (path, command) in try Self.commands() {
      #expect(!(command.abstract ?? "").isEmpty, "scrub \(path) has no abstract")
      if (command.subcommands ?? []).isEmpty {
        #expect(
          (command.discussion ?? "").contains("  scrub \(path)"),
          "scrub \(path): the discussion shows no example of the command")
      }
    }
  }

  @Test func everyOptionSaysWhatItDoesAndItsDefault() throws {
    for (path, command) in try Self.commands() {
      for argument in command.arguments ?? [] where argument.shouldDisplay {
        let name = argument.valueName ?? argument.kind
        let text = (argument.abstract ?? "") + " " + (argument.discussion ?? "")
        #expect(!(argument.abstract ?? "").isEmpty, "scrub \(path) \(name): no help text")
        // An option that may be left out must say what happens then: the parser prints a
        // default value itself; otherwise the text must say it.
        if argument.kind == "option" && argument.isOptional && argument.defaultValue == nil
          && !argument.isRepeating
        {
          #expect(
            text.lowercased().contains("default") || text.contains("none"),
            "scrub \(path) --\(name): the help does not say what happens without it")
        }
      }
    }
  }

  @Test func everyCommandIsInTheReadmeCommandTable() throws {
    let readme = try Self.readme
    let tableRows = readme.split(separator: "\n").filter { $0.hasPrefix("| `scrub ") }
    for (path, command) in try Self.commands() where !path.isEmpty {
      guard (command.subcommands ?? []).isEmpty else { continue }
      #expect(
        tableRows.contains { $0.contains("`scrub \(path)") },
        "scrub \(path) is missing from the README's command table")
    }
  }

  @Test func versionNamesTheLibrariesItRunsWith() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["--version"], in: dir)
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(lines == ["scrub", "phone", "libcsv", "SQLite", "NANP"])
    #expect(r.stdout.contains("phone data phonenumbers 9.0.43"))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScripts(shell: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["--generate-completion-script", shell], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.contains("registry"))
    #expect(r.stdout.contains("allow-stale"))
  }
}
