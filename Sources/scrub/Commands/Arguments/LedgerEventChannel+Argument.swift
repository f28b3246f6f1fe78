import ArgumentParser
import ListScrub

/// `--channel` of `optout add`, `revoke` and `import`, in any case. A refused value is a usage
/// error (64) in the library's words (`ArgumentRefusal`): it lists the channels.
extension LedgerEvent.Channel: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = ArgumentRefusal.value(argument, { try LedgerEvent.Channel.parse($0) }) else {
      return nil
    }
    self = value
  }

  /// The channels for a help line: `call, sms, email, web, mail, agent or import`. The help
  /// names them itself, so that the man page has them too (ArgumentParser's `(values: ...)`
  /// shows only in `--help`); completion still offers them.
  static var helpList: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
  }

  public static var allValueStrings: [String] { [] }

  public static var defaultCompletionKind: CompletionKind { .list(allCases.map(\.rawValue)) }
}
