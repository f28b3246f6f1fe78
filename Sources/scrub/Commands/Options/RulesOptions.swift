import ArgumentParser
import ListScrub

/// The rules file of the commands that apply the country rules table.
struct RulesOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A rules file whose countries replace or add to the bundled table's.",
      discussion:
        "Default: $SCRUB_RULES, else $XDG_CONFIG_HOME/listscrub/rules.toml (~/.config/listscrub/rules.toml) when it exists, else the bundled table alone.",
      valueName: "file"))
  var rules: String?

  /// The table in effect: the bundled one with the user's file over it.
  func load() throws -> CountryRules { try CountryRules.load(explicit: rules) }
}
