import ArgumentParser
import Foundation
import ListScrub

@main
struct Scrub: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scrub",
    abstract: "Scrub contact lists against do-not-call registries, offline.",
    discussion: """
      Registries and the opt-out history live in one SQLite file: --db PATH, else $SCRUB_DB, \
      else $XDG_DATA_HOME/listscrub/scrub.db (~/.local/share/listscrub/scrub.db). Data goes to \
      stdout, messages to stderr; exit codes follow sysexits (64 usage, 65 refused data, 66 no \
      input, 75 busy: retry later).

      Examples:
        scrub registry import us-ftc 201.txt 646.txt --kind national
        scrub clean leads.csv -o leads.clean.csv
        scrub audit runs
      """,
    version: ToolInfo.versionText,
    subcommands: [
      CleanCommand.self, RescrubCommand.self, RegistryCommand.self, OptoutCommand.self, ConsentCommand.self,
      CheckCommand.self,
      PhoneCommand.self, RulesCommand.self, AuditCommand.self, DbCommand.self,
    ]
  )

  static func main() {
    // A closed downstream pipe (`scrub clean leads.csv | head`) is the reader's choice: writes
    // fail with EPIPE and the run ends quietly instead of dying by signal.
    signal(SIGPIPE, SIG_IGN)
    Interrupts.install()
    if let unknown = unknownSubcommand(in: Array(CommandLine.arguments.dropFirst())) {
      exit(withError: report(unknown))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      // A value a conformance refused reads as the library's error, in the tool's own format
      // (`ArgumentRefusal`); ArgumentParser's own errors are put in that format too.
      if let refusal = ArgumentRefusal.take(for: error) { exit(withError: report(refusal)) }
      exit(withError: inToolStyle(error, arguments: Array(CommandLine.arguments.dropFirst())))
    }
  }

  /// `error` as the tool reports every error: ArgumentParser's usage errors (a value it cannot
  /// read, a missing argument, an unknown option, a `ValidationError`) as `scrub: error:
  /// MESSAGE` with a hint naming the command's help, exit 64; any other message as `scrub:
  /// error: MESSAGE` with its own code. Help, version and an exit code a command already
  /// reported pass through unchanged (their output and exit 0 are ArgumentParser's).
  static func inToolStyle(_ error: any Error, arguments: [String]) -> any Error {
    if error is ExitCode { return error }
    let code = exitCode(for: error)
    var message = Self.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
    guard code != .success, !message.isEmpty else { return error }
    // ArgumentParser starts a sentence with a capital ("Missing expected argument"); the
    // tool's messages start lower-case.
    if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
      message = first.lowercased() + message.dropFirst()
    }
    if code == .validationFailure {
      let help = (commandPath(in: arguments) + ["--help"]).joined(separator: " ")
      var hint = "see '\(help)' for the command's usage"
      // The option's own help line (ArgumentParser's "Help:  --delimiter <char>  Field ..."),
      // which says what the option takes.
      let lines = fullMessage(for: error, columns: Int.max).split(separator: "\n")
      if let line = lines.first(where: { $0.hasPrefix("Help:  ") }) {
        let option = line.dropFirst("Help:  ".count).trimmingCharacters(in: .whitespaces)
        let parts = option.components(separatedBy: "  ")
        var text = parts.dropFirst().joined(separator: " ").trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        hint = (text.isEmpty ? option : "\(parts[0]): \(text)") + "; " + hint
      }
      return report(.usage(UserText(message), hint: UserText(hint)))
    }
    Console.error("scrub: \(Terminal.style(fd: 2).paint("error", .red)): \(message)")
    return code
  }

  /// The command `arguments` name, as words: `["scrub", "registry", "import"]` for `registry
  /// import us-ftc x.txt`. Subcommand names come first on the command line, so the walk stops
  /// at the first word that is not one.
  static func commandPath(in arguments: [String]) -> [String] {
    var command: ParsableCommand.Type = Scrub.self
    var path = [Scrub._commandName]
    for word in arguments {
      guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
        break
      }
      command = next
      path.append(word)
    }
    return path
  }

  /// A mistyped subcommand at any level (`scrub clena`, `scrub optout ad`, `scrub help clena`)
  /// is a usage error naming the nearest real one, where ArgumentParser would only call it an
  /// unexpected argument (or, after `help`, print the top-level help and succeed).
  static func unknownSubcommand(in arguments: [String]) -> ScrubError? {
    var command: ParsableCommand.Type = Scrub.self
    var rest = arguments[...]
    if rest.first == "help" { rest = rest.dropFirst() }
    while let word = rest.first, !word.hasPrefix("-") {
      let subcommands = command.configuration.subcommands
      if subcommands.isEmpty { return nil }
      let names = subcommands.map { $0._commandName }
      if let index = names.firstIndex(of: word) {
        command = subcommands[index]
        rest = rest.dropFirst()
        continue
      }
      if word == "help" { return nil }
      let hint =
        NearestName.nearest(to: word, in: names).map { "did you mean '\($0)'?" }
        ?? "use one of \(names.joined(separator: ", "))"
      return .usage(UserText("unknown command '\(word)'"), hint: UserText(hint))
    }
    return nil
  }
}
