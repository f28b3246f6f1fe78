import ArgumentParser
import ListScrub

/// `--scope` of the ledger commands: `global` or `campaign:NAME`. A refused value is a usage
/// error (64) in the library's words (`ArgumentRefusal`).
extension LedgerScope: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try LedgerScope.parse($0) }) else { return nil }
    self = value
  }
}
