import Foundation

/// A path as a run record keeps it: absolute, so that `scrub audit` names the same file whatever
/// folder it is asked from. A relative path is joined to the working folder and cleaned of `.`,
/// `..` and repeated slashes (lexically: links are not followed, so the path names what the user
/// named); `-` (standard input or output) stays `-`.
public enum AbsolutePath {
  public static func of(_ path: String, in folder: String = FileManager.default.currentDirectoryPath)
    -> String
  {
    guard path != "-", !path.isEmpty else { return path }
    let joined = path.hasPrefix("/") ? path : folder + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..": _ = parts.popLast()
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }
}
