import ArgumentParser
import ListScrub

/// Which of a number's consents `consent revoke` and `consent void` correct.
struct ConsentSelectionOptions: ParsableArguments {
  @Argument(help: "The phone number (any form).")
  var number: String

  @Option(help: "Only consents of this kind (default: every kind).")
  var kind: Consent.Kind?

  @Option(help: "Only consents of this scope: global or campaign:NAME (default: every scope).")
  var scope: LedgerScope?

  /// The rows named, with `id` when one consent is named by its id.
  func rows(_ writer: LedgerWriterOptions, id: Int64? = nil) throws -> CorrectionRequest.Rows {
    .consents(
      try LedgerArguments.number(number, region: writer.region, mask: writer.privacy.mask), kind: kind,
      scope: scope, id: id)
  }
}
