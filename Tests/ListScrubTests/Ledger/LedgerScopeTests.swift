import Testing

@testable import ListScrub

/// The command line's scope and channel values, read by the library's rules.
@Suite struct LedgerScopeTests {
  @Test(arguments: [
    ("global", LedgerScope.global), ("campaign:solar-q4", .campaign("solar-q4")),
    ("campaign:a.b_c", .campaign("a.b_c")),
  ])
  func aScopeReads(text: String, scope: LedgerScope) throws {
    #expect(try LedgerScope.parse(text) == scope)
    #expect(scope.description == text)
  }

  @Test(arguments: [
    "", "Global", "campaign:", "campaign:a b", "team", "campaign:" + String(repeating: "x", count: 65),
  ])
  func anythingElseIsAUsageErrorNamingTheRole(text: String) {
    #expect(
      throws: ScrubError.usage(
        "\(option: .scope) \(text) is not a scope",
        hint: "use global or campaign:NAME (letters, digits, '.', '_', '-')")
    ) {
      try LedgerScope.parse(text)
    }
  }

  @Test func aChannelReadsInAnyCaseAndAnUnknownOneListsThem() throws {
    #expect(try LedgerEvent.Channel.parse("SMS") == .sms)
    #expect(try LedgerEvent.Channel.parse("import") == .import)
    #expect(
      throws: ScrubError.usage(
        "\(option: .channel) fax is not a channel",
        hint: "use one of call, sms, email, web, mail, agent, import")
    ) {
      try LedgerEvent.Channel.parse("fax")
    }
  }
}
