import ArgumentParser
import ListScrub

/// `--region`: a region libphonenumber knows, in any case. A refused value is a usage error (64)
/// in the library's words (`ArgumentRefusal`), with the nearest codes.
extension PhoneRegion: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try PhoneRegion.option($0) }) else { return nil }
    self = value
  }
}
