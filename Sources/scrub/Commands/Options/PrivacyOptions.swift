import ArgumentParser
import Foundation
import ListScrub

/// Whether error messages and logs may print phone numbers whole. Personal data stays out of
/// terminals, cron mail and CI logs by default: `+1******0123`.
struct PrivacyOptions: ParsableArguments {
  @Flag(
    help: "Print phone numbers whole in error messages and warnings (default: masked, like +1******0123).")
  var showNumbers = false

  var mask: PhoneMask { PhoneMask(showNumbers: showNumbers) }
}
