import Testing

@testable import ListScrub

/// The Lista Robinson's hash rule (DOMAIN.md): SHA-256 of the channel code and the number
/// normalised to digits with a `00` international prefix.
@Suite struct RobinsonHashTests {
  /// DOMAIN.md's test vector: sha256("040034345678890").
  @Test func theDomainTestVector() {
    let vector = "9a0d14c71b6bb4b50fd4a9efc0536de8c7198f4bebdadcc4e7ee32731fb75c15"
    #expect(SHA256.hex(of: Array("040034345678890".utf8)) == vector)
    #expect(RobinsonHash.hash("345678890", channel: .call) == vector)
    #expect(RobinsonHash.hash("+34 345 678 890", channel: .call) == vector)
    #expect(RobinsonHash.hash(e164: 34_345_678_890, channel: .call) == vector)
  }

  @Test func theNormalisationRule() {
    // A leading + becomes 00; digits only.
    #expect(RobinsonHash.normalize("+34 612-345-678") == "0034612345678")
    // Already 00: kept.
    #expect(RobinsonHash.normalize("0034612345678") == "0034612345678")
    // Otherwise 0034 is prefixed.
    #expect(RobinsonHash.normalize("612 345 678") == "0034612345678")
    #expect(RobinsonHash.normalize("(612) 345.678") == "0034612345678")
    // Another country's number in international form keeps its own code.
    #expect(RobinsonHash.normalize("+33612345678") == "0033612345678")
  }

  @Test func theChannelIsPartOfTheHash() {
    let sms = RobinsonHash.hash("+34612345678", channel: .sms)
    #expect(sms == SHA256.hex(of: Array("030034612345678".utf8)))
    #expect(sms != RobinsonHash.hash("+34612345678", channel: .call))
    #expect(RobinsonHash.hash(e164: 34_612_345_678, channel: .sms) == sms)
  }
}
