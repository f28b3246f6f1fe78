import ArgumentParser
import ListScrub

/// `--delimiter` of `scrub clean` and the ledger imports. Another value is a usage error (64)
/// whose `Help:` line is the option's help, which lists the values allowed.
extension Delimiter: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
