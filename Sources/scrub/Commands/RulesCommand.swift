import ArgumentParser
import ListScrub

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Show the country rules table: consent, registries, deadlines, hours, citations.",
    discussion: """
      The table ships inside scrub (rules/countries.toml in the source, documented in \
      docs/compliance.md); a rules file replaces whole countries or adds new ones, in the same \
      format. Its version is then the bundled one plus the first 12 hex digits of the file's \
      SHA-256; the table's own SHA-256 names the rules in effect, whatever file they came from.

      A country whose consent rule or registry facts (a registry's maximum age included) are \
      marked unverified FAILS CLOSED: its numbers are suppressed until a rules file confirms the \
      rule. An unverified opt-out deadline alone does not fail a country: it is applied as 0 days \
      (honour at once). A bad rules file exits 65, naming file:line:column and the key.

      Examples:
        scrub rules
        scrub rules ES
        scrub rules US-TX --json
        scrub rules --rules company-rules.toml
      """
  )

  @OptionGroup var rulesFile: RulesOptions

  @Argument(
    help: ArgumentHelp(
      "A country (ES) or subdivision (US-TX) to show in full (default: one line per country).",
      valueName: "country"))
  var country: String?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  struct Table: Encodable {
    var version: String
    var bundledVersion: String
    var sha256: String
    var userFile: String?
    var userFileSha256: String?
    var countries: [CountryRule]

    enum CodingKeys: String, CodingKey {
      case version, sha256, countries
      case bundledVersion = "bundled_version"
      case userFile = "user_file"
      case userFileSha256 = "user_file_sha256"
    }
  }

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let rules = try rulesFile.load()
      guard let country else {
        if json {
          print(
            try JSONText.encode(
              Table(
                version: rules.version, bundledVersion: rules.bundledVersion, sha256: rules.sha256,
                userFile: rules.userFile, userFileSha256: rules.userFileSHA256, countries: rules.rules)))
        } else {
          print(RulesReport.table(rules, style: Terminal.style(fd: 1)))
        }
        return
      }
      guard let rule = rules.rule(for: country) else {
        let near = rules.nearestCode(to: country).map { "did you mean \($0)? " } ?? ""
        throw ScrubError.notFound(
          "the country rules table (rules \(rules.version)) has no rule for \(country)",
          hint: "\(near)scrub rules lists every country; a rules file (\(option: .rules) FILE) may add one")
      }
      print(
        json
          ? try JSONText.encode(rule) : RulesReport.detail(rule, rules: rules, style: Terminal.style(fd: 1)))
    }
  }
}
