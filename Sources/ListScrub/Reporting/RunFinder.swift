import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `scrub audit find FILE`: which recorded runs wrote a file, by its SHA-256. A file matches a
/// run's clean or suppressed output when the hashes are equal, and its report when the file is,
/// byte for byte, the stored record that `--report` wrote. Paths play no part in a match (a file
/// copied elsewhere, or saved from standard output, is still found); they only explain a miss:
/// a run that wrote the same path with other contents, or read the file as its input.
public struct RunFinding: Codable, Sendable, Equatable {
  /// One run's relation to the file.
  public struct Match: Codable, Sendable, Equatable {
    public var runID: Int64
    public var startedAt: String
    /// `clean`, `suppressed`, `report` or `input`; for a miss at the same path, the output's.
    public var output: String
    /// The path the run recorded for it; nil for a report, whose path the record does not hold.
    public var path: String?

    enum CodingKeys: String, CodingKey {
      case output, path
      case runID = "run_id"
      case startedAt = "started_at"
    }
  }

  /// The file as given.
  public var file: String
  public var sha256: String
  /// The runs that wrote this very content, oldest first.
  public var writtenBy: [Match] = []
  /// The runs that read it as their input.
  public var readBy: [Match] = []
  /// Runs that wrote a file at this path with other contents (it was changed or replaced since).
  public var samePathOtherContents: [Match] = []

  public var found: Bool { !writtenBy.isEmpty }

  enum CodingKeys: String, CodingKey {
    case file, sha256, found
    case writtenBy = "written_by"
    case readBy = "read_by"
    case samePathOtherContents = "same_path_other_contents"
  }

  public init(file: String, sha256: String) {
    self.file = file
    self.sha256 = sha256
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    file = try c.decode(String.self, forKey: .file)
    sha256 = try c.decode(String.self, forKey: .sha256)
    writtenBy = try c.decode([Match].self, forKey: .writtenBy)
    readBy = try c.decode([Match].self, forKey: .readBy)
    samePathOtherContents = try c.decode([Match].self, forKey: .samePathOtherContents)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(file, forKey: .file)
    try c.encode(sha256, forKey: .sha256)
    try c.encode(found, forKey: .found)
    try c.encode(writtenBy, forKey: .writtenBy)
    try c.encode(readBy, forKey: .readBy)
    try c.encode(samePathOtherContents, forKey: .samePathOtherContents)
  }

  /// Looks `sha256` (the contents of `file`) up in every stored run. `absolutePath` is where
  /// `file` is (nil for standard input), to name a run that wrote the same path.
  public static func find(
    file: String, sha256: String, absolutePath: String?, in store: Store
  ) throws -> RunFinding {
    var finding = RunFinding(file: file, sha256: sha256)
    // A run's own report holds its record, so no record can hold the report's hash: a report is
    // recognized as the stored document itself.
    for (id, document) in try store.runDocuments() {
      let run = try JSONDecoder().decode(RunRecord.self, from: Data(document.utf8))
      func match(_ output: String, _ path: String?) -> Match {
        Match(runID: id, startedAt: run.startedAt, output: output, path: path)
      }
      var outputs = [("clean", run.clean)]
      if let suppressed = run.suppressed { outputs.append(("suppressed", suppressed)) }
      for (name, info) in outputs {
        if info.sha256 == sha256 {
          finding.writtenBy.append(match(name, info.path))
        } else if let absolutePath, info.path == absolutePath {
          finding.samePathOtherContents.append(match(name, info.path))
        }
      }
      if SHA256.hex(of: Array((document + "\n").utf8)) == sha256 {
        finding.writtenBy.append(match("report", nil))
      }
      if run.input.sha256 == sha256 { finding.readBy.append(match("input", run.input.path)) }
    }
    return finding
  }

  /// The SHA-256 of the file at `path` (`-`: standard input), read in 1 MiB pieces.
  public static func hash(_ path: String) throws -> String {
    let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ScrubError.missingInput(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var hasher = SHA256()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer.baseAddress, buffer.count)
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else {
        throw ScrubError.missingInput(
          path: path == "-" ? "standard input" : path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
    return hasher.finalizeHex()
  }

  /// The finding as `audit find` prints it.
  public var textReport: String {
    var lines: [String] = []
    let noun = ["clean": "clean file", "suppressed": "suppressed file", "report": "report (--report)"]
    if writtenBy.isEmpty {
      lines.append("no recorded run wrote \(file) (sha256 \(sha256))")
    } else {
      lines.append("\(file) (sha256 \(sha256))")
      for m in writtenBy {
        let at = m.path.map { ", recorded as \($0)" } ?? ""
        lines.append("  written by run \(m.runID) (\(m.startedAt)) as its \(noun[m.output] ?? m.output)\(at)")
      }
    }
    for m in readBy {
      lines.append("  read by run \(m.runID) (\(m.startedAt)) as its input, recorded as \(m.path ?? "-")")
    }
    for m in samePathOtherContents {
      lines.append(
        "  run \(m.runID) (\(m.startedAt)) wrote its \(noun[m.output] ?? m.output) at this path with other contents: changed or replaced since"
      )
    }
    return lines.joined(separator: "\n")
  }
}
