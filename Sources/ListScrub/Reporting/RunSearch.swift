import Foundation

/// Which stored runs `scrub audit runs` lists: every filter given must match.
public struct RunSearch: Sendable, Equatable {
  /// The first and last day (inclusive, UTC) a run may have started on.
  public var from: CivilDay?
  public var to: CivilDay?
  /// The run's `--campaign`, exactly; a run made without one never matches.
  public var campaign: String?
  /// The input: a path (it has a slash: absolute, or relative to `folder`) matches the stored
  /// absolute path; a bare name matches the stored path's last component (`-` matches standard
  /// input).
  public var input: String?
  /// The folder a relative `input` is read against.
  public var folder: String

  public init(
    from: CivilDay? = nil, to: CivilDay? = nil, campaign: String? = nil, input: String? = nil,
    folder: String = FileManager.default.currentDirectoryPath
  ) {
    self.from = from
    self.to = to
    self.campaign = campaign
    self.input = input
    self.folder = folder
  }

  /// No filter at all: every run matches.
  public var isEmpty: Bool { from == nil && to == nil && campaign == nil && input == nil }

  public func matches(_ run: RunRecord) -> Bool {
    if from != nil || to != nil {
      guard let day = CivilDay(run.startedAt) else { return false }
      if let from, day < from { return false }
      if let to, day > to { return false }
    }
    if let campaign, run.settings.campaign != campaign { return false }
    if let input {
      let stored = run.input.path
      if input.contains("/") {
        // Runs recorded before paths were stored absolute keep the path as it was typed.
        guard stored == AbsolutePath.of(input, in: folder) || stored == input else { return false }
      } else if (stored as NSString).lastPathComponent != input && stored != input {
        return false
      }
    }
    return true
  }

  /// The matching runs, in the order given.
  public func filter(_ runs: [RunRecord]) -> [RunRecord] {
    isEmpty ? runs : runs.filter(matches)
  }
}

extension RunRecord.FileInfo {
  /// `PATH (first 12 hex digits of its SHA-256)`: a file as a table names it.
  public var shortName: String {
    "\(path) (\(sha256.prefix(12)))"
  }
}
