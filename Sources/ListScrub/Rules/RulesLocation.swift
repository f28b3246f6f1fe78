import Foundation

/// Where a user's rules file is: `--rules FILE`, else `$SCRUB_RULES`, else
/// `$XDG_CONFIG_HOME/listscrub/rules.toml` (`~/.config/listscrub/rules.toml`). A file named by
/// the option or the variable must exist; the default one is read only when it does.
public struct RulesLocation: Sendable, Equatable {
  public var path: String
  /// What named it, for an error: the command line, `$SCRUB_RULES`, or the default.
  public var origin: String
  public var mustExist: Bool

  public static func resolve(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> RulesLocation? {
    if let explicit, !explicit.isEmpty {
      return RulesLocation(path: explicit, origin: "the rules file the command line names", mustExist: true)
    }
    if let env = environment["SCRUB_RULES"], !env.isEmpty {
      return RulesLocation(path: env, origin: "named by $SCRUB_RULES", mustExist: true)
    }
    let configHome: String
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      configHome = xdg
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      configHome = home + "/.config"
    }
    return RulesLocation(
      path: configHome + "/listscrub/rules.toml", origin: "the default rules file", mustExist: false)
  }
}
