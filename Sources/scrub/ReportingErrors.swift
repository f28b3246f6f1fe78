import ArgumentParser
import Foundation
import ListScrub

/// Runs a command body, mapping `ScrubError` to its message and documented exit code.
/// `waitOption` names the command's option for waiting out a busy database (`registry import
/// --wait`), so a busy error's hint offers the option this command really has.
func runReportingErrors(waitOption: String? = nil, _ body: () throws -> Void) throws {
  do {
    try body()
  } catch var error as ScrubError {
    if case .busy(let path, let detail, nil) = error, let waitOption {
      error = .busy(path: path, detail: detail, waitOption: waitOption)
    }
    // A failed run leaves no half output: an output still held by the writer thread would
    // otherwise outlive the process as a `.NAME.PID.tmp` file.
    TemporaryFiles.shared.removeAll()
    NewStore.shared.removeIfEmpty()
    throw report(error)
  }
}

/// Prints `error` on stderr as `scrub: error: MESSAGE` with its hint, and returns the exit code
/// it documents.
func report(_ error: ScrubError) -> ExitCode {
  Console.error("scrub: \(Terminal.style(fd: 2).paint("error", .red)): \(error.forCommandLine)")
  return ExitCode(error.exitStatus.rawValue)
}

/// The database this process created, if it did: a command that creates it and then fails (a
/// refused option, bad data) removes it again when it holds nothing, instead of leaving an
/// empty database at the path.
final class NewStore: @unchecked Sendable {
  static let shared = NewStore()
  private let lock = NSLock()
  private var store: Store?

  func created(_ store: Store) {
    lock.lock()
    self.store = store
    lock.unlock()
  }

  func removeIfEmpty() {
    lock.lock()
    defer { lock.unlock() }
    guard let store, (try? store.holdsNothing()) == true else { return }
    try? store.close()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
    self.store = nil
  }
}
