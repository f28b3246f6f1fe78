import Foundation

/// Where the database lives when `--db` is not given: `$SCRUB_DB`, else
/// `$XDG_DATA_HOME/listscrub/scrub.db`, else `~/.local/share/listscrub/scrub.db`.
public enum StoreLocation {
  public static func resolve(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let env = environment["SCRUB_DB"], !env.isEmpty { return env }
    let dataHome: String
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
      dataHome = xdg
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      dataHome = home + "/.local/share"
    }
    return dataHome + "/listscrub/scrub.db"
  }
}
