import ArgumentParser
import ListScrub

/// `--timezone`: an IANA name. An offset or a misspelt name is a usage error (64) in the
/// library's words (`ArgumentRefusal`), with the nearest name.
extension LocalTimeZone: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try LocalTimeZone.named($0) }) else { return nil }
    self = value
  }
}
