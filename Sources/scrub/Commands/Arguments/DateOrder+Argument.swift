import ArgumentParser
import ListScrub

/// `--date-format mdy|dmy`: how dates with slashes read. Another value is a usage error (64) in
/// the library's words (`ArgumentRefusal`).
extension RequestTime.Order: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try RequestTime.Order.parse($0) }) else { return nil }
    self = value
  }
}
