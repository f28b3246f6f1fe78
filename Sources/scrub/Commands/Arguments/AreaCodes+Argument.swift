import ArgumentParser
import ListScrub

/// `registry import --area-codes`: numbers separated by commas. A part that is not a number is a
/// usage error (64) in the library's words (`ArgumentRefusal`).
extension AreaCodes: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try AreaCodes.option($0) }) else { return nil }
    self = value
  }
}
