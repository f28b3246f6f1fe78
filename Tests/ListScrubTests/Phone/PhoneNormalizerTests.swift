import Testing

@testable import ListScrub

@Suite struct PhoneNormalizerTests {
  let normalizer = PhoneNormalizer()

  /// (cell, region, what `scrub phone --level valid` prints).
  @Test(arguments: [
    ("1 (201) 555-0234 x12", "US", "+12015550234;ext=12"),
    ("201-555-0234 ext. 12", "US", "+12015550234;ext=12"),
    ("2015550234#12", "US", "+12015550234;ext=12"),
    ("2015550234;ext=12", "US", "+12015550234;ext=12"),
    ("201-555-0234 x012", "US", "+12015550234;ext=012"),
    ("2015550234.0", "US", "+12015550234"),
    ("'2015550234", "US", "+12015550234"),
    ("\"  201.555.0234 \"", "US", "+12015550234"),
    ("=\"2015550234\"", "US", "+12015550234"),
    ("\u{FEFF}2015550234\r", "US", "+12015550234"),
    ("\u{A0}+1 201 555 0234\u{A0}", "GB", "+12015550234"),
    ("２０１５５５０２３４", "US", "+12015550234"),
    ("2.01555E+09", "US", "invalid:not_a_number"),
    ("2015550123E2", "US", "invalid:not_a_number"),
    ("", "US", "invalid:empty"),
    (" ' ", "US", "invalid:empty"),
    ("N/A", "US", "invalid:not_a_number"),
    ("555-0123", "US", "invalid:too_short"),
    ("20155501234", "US", "invalid:too_long"),
    ("201-555-0150", "US", "invalid:fictional"),
    ("201-555-0123", "US", "invalid:fictional"),
    ("201-555-0200", "US", "+12015550200"),
    ("201-911-0123", "US", "invalid:invalid_exchange"),
    ("201-055-0123", "US", "invalid:invalid_exchange"),
    ("911-201-0123", "US", "invalid:invalid_area_code"),
    ("123-456-7890", "US", "invalid:invalid_area_code"),
    // Opened after Debian's 2022 metadata: valid from our own table.
    ("350-200-1234", "US", "+13502001234"),
    ("645-200-1234", "US", "+16452001234"),
    ("1-800-FLOWERS", "US", "+18003569377"),
    ("1-800-FL", "US", "invalid:too_short"),
    ("011 44 20 7946 0000", "US", "+442079460000"),
    ("00 44 20 7946 0000", "GB", "+442079460000"),
    ("00 1 201 555 0200", "GB", "+12015550200"),
    ("020 7946 0000", "GB", "+442079460000"),
    ("+44 (0)20 7946 0000", "US", "+442079460000"),
    ("612 34 56 78", "ES", "+34612345678"),
    ("+999 1234 5678", "US", "invalid:invalid_country_code"),
    ("2015550123", "ZZ", "invalid:invalid_country_code"),
  ])
  func printedForm(cell: String, region: String, expected: String) throws {
    let result = normalizer.normalize(cell, region: try #require(PhoneRegion(region)))
    #expect(result.text(at: .valid) == expected)
  }

  /// A possible but invalid number keeps its key: it is printed at `possible` and must still be
  /// looked up in the registries.
  @Test(arguments: ["201-555-0150", "201-911-0123", "123-456-7890"])
  func possibleNumbersKeepTheirRegistryKey(cell: String) {
    let result = normalizer.normalize(cell, region: .us)
    #expect(!result.isValid)
    #expect(result.isPossible)
    #expect(result.registryKey == result.number)
    #expect(result.accepted(at: .valid) == nil)
    #expect(result.accepted(at: .possible) != nil)
    #expect(result.rejection?.keepsNumber == true)
  }

  @Test func rejectionsWithoutNumberNeverKeepOne() {
    for reason in PhoneRejection.allCases where !reason.keepsNumber {
      #expect(PhoneResult.rejected(reason).registryKey == nil)
    }
  }

  @Test func byteEntryPointMatchesStringEntryPoint() {
    let cells = ["(201) 555-0123", "+44 20 7946 0000", "x", "2.01555E+09", "1-800-FLOWERS"]
    for cell in cells {
      let viaBytes = Array(cell.utf8).withUnsafeBufferPointer {
        normalizer.normalize($0, region: .us)
      }
      #expect(viaBytes == normalizer.normalize(cell, region: .us), "\(cell)")
    }
  }

  /// The slow-path cache answers as the library does, on a miss, on a hit, and when cells share
  /// a slot (2 slots: they mostly do), for cells that differ only in their last byte or length,
  /// cells longer than a slot holds, and one cache used for several regions in turn.
  @Test(arguments: [1, 2, 4096])
  func slowPathCacheAgreesWithTheLibrary(slots: Int) {
    let cells = [
      "N/A", "none", "0", "00", "12345", "123456", "555-1234", "+44 20 7946 0000", "+44 20 7946 0001",
      "020 7946 0000", "1-800-FLOWERS", "(201) 555-0123", "", "2.01555E+09", "+52 55 1234 5678",
      "N/A", "+44 20 7946 0000", "12345", "+44 (0)20 7946 0000 ext. 12345678",
      "+44 (0)20 7946 0000 ext. 12345679", "0034 612 345 678", "612 345 678",
    ]
    var cache = SlowPathCache(limit: slots)
    for _ in 0..<2 {
      for region in [PhoneRegion.us, .gb, PhoneRegion("MX")!, PhoneRegion("ES")!] {
        for cell in cells {
          let cached = Array(cell.utf8).withUnsafeBufferPointer {
            normalizer.normalize($0, region: region, cache: &cache)
          }
          #expect(cached == normalizer.normalize(cell, region: region), "\(cell) in \(region)")
        }
      }
    }
  }

  @Test func e164KeyRoundTrips() {
    let number = PhoneNumber(nanpNational: 2_015_550_123)
    #expect(number.e164 == 12_015_550_123)
    #expect(number.description == "+12015550123")
    #expect(number.nanpNational == 2_015_550_123)
    #expect(PhoneNumber(e164: 442_079_460_000).isNANP == false)
  }

  @Test(arguments: ["0", "012", "12345678901234567890"])
  func extensionsKeepLeadingZerosAndLength(digits: String) throws {
    #expect(try #require(PhoneExtension(digits)).description == digits)
  }

  @Test(arguments: [("us", true), ("CA", true), ("jm", true), ("GB", false), ("MX", false)])
  func regionsKnowTheirNumberingPlan(code: String, nanp: Bool) throws {
    #expect(try #require(PhoneRegion(code)).isNANP == nanp)
  }

  @Test(arguments: ["", "U", "USA", "U1", "ü"])
  func malformedRegionsAreRefused(code: String) {
    #expect(PhoneRegion(code) == nil)
  }

  /// Area codes opened since libphonenumber 8.12's metadata (2022) are valid.
  @Test func newAreaCodesAreValid() {
    #expect(normalizer.normalize("350-200-1234", region: .us).isValid)
    #expect(PhoneNormalizer(fastPath: false).normalize("+1 350-200-1234", region: .gb).isValid)
  }
}
