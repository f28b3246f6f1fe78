import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The check every command that writes a file makes before it writes anything: no output may be
/// an input, the database (or its `-wal`, `-shm`, `-journal` or `.lock` file) or another output, and at
/// most one output may be `-`. Writing one over another would lose data (`-o scrub.db` turned
/// the whole database into a CSV) or mix two files into one.
///
/// Files are compared by device and inode, following links, so a link or a second name of a file
/// is caught. An output that does not exist yet is compared by its folder, resolved, and its
/// name. `-` is standard input for an input and standard output for an output, compared by what
/// they are open on. The null device is never a conflict: writing two outputs to it loses nothing.
public enum DistinctFiles {
  /// One file a command names, with the option that names it (`-o`, `--report`, `input`...), as
  /// errors quote it.
  public struct Role: Sendable {
    public var option: UserText
    public var path: String

    public init(_ option: UserText, _ path: String) {
      self.option = option
      self.path = path
    }

    static let databaseOption: UserText = "\(option: .db)"

    init(database path: String) { self.init(Self.databaseOption, path) }
  }

  /// Throws `usage` (64) naming the two options when two of the files are the same file, or
  /// when more than one output is `-`.
  public static func check(inputs: [Role] = [], outputs: [Role], database: String?) throws {
    let dashes = outputs.filter { $0.path == "-" }
    if dashes.count > 1 {
      throw ScrubError.usage(
        "\(dashes.map { "\($0.option) -" as UserText }.joined(separator: " and ")) \(dashes.count == 2 ? "both" : "all") name standard output",
        hint: "at most one output may be - (\(option: .output) is - unless given); give the others file names"
      )
    }
    var seen: [(role: Role, what: String, key: Key)] = []
    for input in inputs {
      if let key = key(input.path, standard: 0) { seen.append((input, "is the input", key)) }
    }
    if let database {
      for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
        let path = database + suffix
        // Compared whether they exist or not: a stray `-wal` would be taken for the database's.
        guard let key = key(path, standard: nil) else { continue }
        seen.append(
          (Role(database: path), suffix.isEmpty ? "is the database" : "is the database's \(suffix) file", key)
        )
      }
    }
    for output in outputs {
      guard let key = key(output.path, standard: 1) else { continue }
      if let other = seen.first(where: { $0.key == key }) {
        let message: UserText =
          other.role.option == Role.databaseOption || other.role.option == "input"
          ? "\(output.option) \(output.path) \(other.what)"
            + (other.role.path == output.path
              ? "" : " (\(other.role.path == "-" ? "standard input" : other.role.path))")
          : "\(output.option) \(output.path) and \(other.role.option) \(other.role.path) are the same file"
        throw ScrubError.usage(
          message,
          hint: "give each output a file of its own; scrub never writes over its input or its database")
      }
      seen.append((output, "", key))
    }
  }

  enum Key: Hashable {
    case inode(device: UInt64, inode: UInt64)
    /// A file that does not exist (yet): its resolved folder and its name.
    case path(String)
  }

  private static let nullDevice: Key? = {
    var info = stat()
    guard stat("/dev/null", &info) == 0 else { return nil }
    return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }()

  /// The file's identity; nil for the null device and for a `-` whose descriptor is closed.
  /// `standard` is the descriptor `-` stands for (0 or 1), nil where `-` is a plain name.
  static func key(_ path: String, standard: Int32?) -> Key? {
    var info = stat()
    let found = path == "-" && standard != nil ? fstat(standard!, &info) == 0 : stat(path, &info) == 0
    if found {
      let key = Key.inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
      return key == nullDevice ? nil : key
    }
    if path == "-" && standard != nil { return nil }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    guard let resolved = realpath(folder, nil) else { return .path(url.standardizedFileURL.path) }
    defer { free(resolved) }
    return .path(String(cString: resolved) + "/" + url.lastPathComponent)
  }
}
