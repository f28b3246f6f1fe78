import Foundation
import ListScrub

/// What a person at a terminal sees beyond the data: colors and a progress line. Both only on a
/// terminal, so cron logs and pipes stay plain.
enum Terminal {
  /// Colors for text written to `fd` (1 stdout, 2 stderr).
  static func style(fd: Int32) -> TextStyle {
    TextStyle(isTerminal: isatty(fd) == 1, environment: ProcessInfo.processInfo.environment)
  }

  /// A progress line on stderr, or nil when stderr is not a terminal or the command is quiet.
  static func progress(noun: String = "rows", totalBytes: Int64?, quiet: Bool) -> ProgressDisplay? {
    guard !quiet, Console.stderrIsTerminal else { return nil }
    return ProgressDisplay(
      meter: ProgressMeter(noun: noun, totalBytes: totalBytes, start: monotonicSeconds()))
  }

  static func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
  }
}

/// Draws a `ProgressMeter`'s line in place on stderr (carriage return, erase line). The meter
/// throttles; this only writes. Called from one worker thread at a time, but the lock keeps a
/// late update from redrawing after `finish`.
final class ProgressDisplay: @unchecked Sendable {
  private var meter: ProgressMeter
  private let lock = NSLock()
  private var drawn = false
  private var finished = false

  init(meter: ProgressMeter) {
    self.meter = meter
  }

  /// The reading-progress callback `clean` and the ledger imports take.
  var onReading: @Sendable (_ rows: Int64, _ bytes: Int64, _ totalBytes: Int64?) -> Void {
    { [self] rows, bytes, _ in update(rows: rows, bytes: bytes) }
  }

  func update(rows: Int64, bytes: Int64) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished, let line = meter.update(rows: rows, bytes: bytes, now: Terminal.monotonicSeconds())
    else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    drawn = true
  }

  /// A status line (a phase of an import) in the same place.
  func show(_ line: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    drawn = true
  }

  /// Erases the line, so the summary that follows starts on a clean line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    finished = true
  }
}
