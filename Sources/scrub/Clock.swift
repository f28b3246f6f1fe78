import Foundation
import ListScrub

/// The clock: real time, or `$SCRUB_NOW` (an ISO date) so tests and golden files are repeatable.
enum Clock {
  static var now: Date {
    if let fixed = ProcessInfo.processInfo.environment["SCRUB_NOW"], let date = Timestamp.parse(fixed) {
      return date
    }
    return Date()
  }
}
