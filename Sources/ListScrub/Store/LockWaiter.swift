import Foundation

/// How a store waits for another process's lock: SQLite's busy handler, timed here rather than
/// by SQLite, so that a wait that lasts says so (once, after `noticeAfter` seconds), and so that
/// a command can give one deadline to several attempts (`waiting(upTo:)`).
final class LockWaiter: @unchecked Sendable {
  /// A wait shorter than this goes unmentioned.
  static let noticeAfter: TimeInterval = 5

  let path: String
  private let notify: (@Sendable (LockWait) -> Void)?
  private let state = NSLock()
  private var timeout: TimeInterval
  /// When the current wait began; a busy handler's first call starts a new one, unless inside
  /// `waiting(upTo:)`, whose waits share one start.
  private var start: Date?
  private var scoped = false
  private var noticed = false

  init(path: String, timeout: TimeInterval, notify: (@Sendable (LockWait) -> Void)?) {
    self.path = path
    self.timeout = timeout
    self.notify = notify
  }

  /// SQLite's delays between tries, in milliseconds (its default busy handler's).
  private static let delays: [Double] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

  /// SQLite's busy handler: true to try again after a pause, false to give up (`SQLITE_BUSY`).
  func busy(tries: Int) -> Bool {
    let remaining = note(.database, newWait: tries == 0)
    guard remaining > 0 else { return false }
    let delay = Self.delays[min(tries, Self.delays.count - 1)] / 1000
    usleep(UInt32(min(delay, remaining) * 1_000_000))
    return true
  }

  /// One more moment of waiting for `lock`: says so once the wait has lasted `noticeAfter`
  /// seconds (and is not about to end). Returns the seconds left before giving up.
  @discardableResult
  func note(_ lock: LockWait.Lock, newWait: Bool = false) -> TimeInterval {
    state.lock()
    let now = Date()
    if start == nil || (newWait && !scoped) {
      start = now
      noticed = false
    }
    let waited = now.timeIntervalSince(start!)
    let remaining = timeout - waited
    let due = !noticed && waited >= Self.noticeAfter && remaining > 0
    if due { noticed = true }
    state.unlock()
    if due, let notify {
      notify(
        LockWait(
          path: path, lock: lock, holder: ImportLock.holder(databasePath: path),
          remaining: Int(remaining.rounded(.up))
        ))
    }
    return remaining
  }

  /// Runs `body` with one deadline, `seconds` from now, for every wait inside it.
  func waiting<T>(upTo seconds: TimeInterval, _ body: () throws -> T) rethrows -> T {
    state.lock()
    let saved = timeout
    timeout = seconds
    scoped = true
    start = Date()
    noticed = false
    state.unlock()
    defer {
      state.lock()
      timeout = saved
      scoped = false
      start = nil
      state.unlock()
    }
    return try body()
  }
}
