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

  /// Refuses a `scheme://` value (64) before anything is created: `postgresql://host/db` once
  /// made a folder named `postgresql:` with an SQLite file in it. PostgreSQL stores are not
  /// supported yet; the message names only the scheme, never the rest (it may hold a password).
  public static func check(_ path: String) throws {
    guard let end = path.range(of: "://") else { return }
    let scheme = path[..<end.lowerBound]
    guard let first = scheme.first, first.isASCII, first.isLetter,
      scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    else { return }
    let name = scheme.lowercased()
    if name == "postgresql" || name == "postgres" {
      throw ScrubError.usage(
        "\(name):// databases are not supported by this scrub yet: its store is an SQLite file",
        hint: "give the database file's path (\(option: .db) PATH or $SCRUB_DB); nothing was created")
    }
    throw ScrubError.usage(
      "\(name):// is not a database scrub can use: the store is an SQLite file",
      hint: "give the database file's path (\(option: .db) PATH or $SCRUB_DB); nothing was created")
  }
}
