import Testing

@testable import ListScrub

/// `--area-codes` and `--sources` lists, read by the library's rules.
@Suite struct AreaCodesTests {
  @Test func aListOfNumbersReadsInItsOrderSpacesAllowed() throws {
    let codes = try AreaCodes.option("646, 201,202")
    #expect(codes.codes == [646, 201, 202])
    #expect(codes.description == "646,201,202")
    #expect(try AreaCodes.option("").codes == [])
  }

  @Test func aPartThatIsNotANumberIsAUsageError() {
    #expect(
      throws: ScrubError.usage(
        "\(option: .areaCodes): ' 2O2' is not a number", hint: "give codes like 201,202,646")
    ) {
      try AreaCodes.option("201, 2O2")
    }
  }

  @Test func storedListsSkipWhatIsNotANumber() {
    #expect(AreaCodes.parse("201,x,646") == [201, 646])
    #expect(AreaCodes.format([646, 201]) == "201,646")
  }

  @Test func sourcesAreAllOrTheNamesGiven() {
    #expect(SourceSelection("all") == .all)
    #expect(SourceSelection("all").names == nil)
    #expect(SourceSelection(" us-ftc , tx-dnc,").names == ["us-ftc", "tx-dnc"])
    #expect(SourceSelection("us-ftc,tx-dnc").description == "us-ftc,tx-dnc")
    #expect(SourceSelection.all.description == "all")
  }
}
