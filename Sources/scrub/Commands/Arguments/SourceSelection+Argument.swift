import ArgumentParser
import ListScrub

/// `clean --sources`: `all`, or source names separated by commas.
extension SourceSelection: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
