import Foundation
import Testing

@testable import ListScrub

@Suite struct SupportTests {
  @Test(arguments: [
    ("+12015550123", "+1******0123"),
    ("201,5550123", "***,***0123"),
    ("(201) 555-0123", "(***) ***-0123"),
    ("+442073787244", "+********7244"),
    ("1234", "****"),
  ])
  func masksAllButTheLastFourDigits(input: String, masked: String) {
    #expect(PhoneMask()(input) == masked)
    #expect(PhoneMask(showNumbers: true)(input) == input)
  }

  @Test func storePathPrefersFlagThenEnvironmentThenXDG() {
    let env = ["SCRUB_DB": "/a/env.db", "XDG_DATA_HOME": "/x", "HOME": "/h"]
    #expect(StoreLocation.resolve(explicit: "/flag.db", environment: env) == "/flag.db")
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == "/a/env.db")
    #expect(
      StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
        == "/x/listscrub/scrub.db")
    #expect(
      StoreLocation.resolve(explicit: nil, environment: ["HOME": "/h"])
        == "/h/.local/share/listscrub/scrub.db")
  }

  @Test func timestampsParseDaysAndInstants() throws {
    let day = try #require(Timestamp.parse("2026-03-01"))
    #expect(Timestamp.string(day) == "2026-03-01T00:00:00Z")
    let instant = try #require(Timestamp.parse("2026-03-01T13:45:00+02:00"))
    #expect(Timestamp.string(instant) == "2026-03-01T11:45:00Z")
    #expect(Timestamp.parse("03/01/2026") == nil)
    #expect(Timestamp.parse("2026-13-01") == nil)
    #expect(Timestamp.days(from: day, to: day.addingTimeInterval(31 * 86_400 - 1)) == 30)
  }

  @Test func countsAreGroupedByThousands() {
    #expect(Formatting.count(0) == "0")
    #expect(Formatting.count(999) == "999")
    #expect(Formatting.count(1000) == "1,000")
    #expect(Formatting.count(250_000_000) == "250,000,000")
    #expect(Formatting.count(-1234) == "-1,234")
  }

  @Test func windows1252BytesDecode() {
    let bytes: [UInt8] = [0x54, 0xE9, 0x6C, 0x80]  // "Tél€" in Windows-1252
    let text = bytes.withUnsafeBufferPointer { TextDecoding.decode($0) }
    #expect(text == "Tél€")
  }
}

/// File text quoted in messages is clipped: a 30 MB header line once became a 30 MB error.
@Suite struct ExcerptTests {
  @Test func shortTextIsWhole() {
    #expect(Excerpt.clip("phone") == "phone")
    #expect(Excerpt.clip(String(repeating: "x", count: 200)) == String(repeating: "x", count: 200))
  }

  @Test func longTextSaysHowManyBytesAreLeftOut() {
    let text = String(repeating: "é", count: 300)  // two bytes each
    #expect(Excerpt.clip(text) == String(repeating: "é", count: 200) + "… (200 more bytes)")
  }

  @Test func aThirtyMegabyteHeaderIsAShortList() {
    let headers = [String(repeating: "x", count: 30 << 20), "name", "zip"]
    let listed = PhoneMask().headers(headers)
    #expect(listed == String(repeating: "x", count: 200) + "… (31457080 more bytes), … (2 more columns)")
  }

  @Test func manyColumnsAreCounted() {
    let headers = (0..<100_000).map { "column\($0)" }
    let listed = PhoneMask().headers(headers)
    #expect(listed.count < 260)
    #expect(listed.hasPrefix("column0, column1, "))
    #expect(listed.hasSuffix(" more columns)"))
    #expect(PhoneMask().headers(["a", "b"]) == "a, b")
  }

  @Test func aLongCellIsMaskedBeforeItIsClipped() {
    let cell = String(repeating: "2015550123 ", count: 100)
    let shown = PhoneMask().cell(cell)
    #expect(shown.hasSuffix("… (900 more bytes)"))
    #expect(shown.filter(\.isNumber).count <= 4 + 3)  // the last four shown digits, and the count
    #expect(PhoneMask()(cell).hasSuffix("… (900 more bytes)"))
  }
}

@Suite struct JSONTextTests {
  @Test func emptyObjectsAndArraysStayOnOneLine() throws {
    struct Sample: Encodable {
      var empty: [String: Int] = [:]
      var none: [Int] = []
      var text = "{\n\n}"
      var full = ["a": 1]
    }
    let json = try JSONText.encode(Sample())
    #expect(json.contains("\"empty\" : {}"))
    #expect(json.contains("\"none\" : []"))
    #expect(json.contains(#""text" : "{\n\n}""#))
    #expect(json.contains("\"a\" : 1"))
  }

  /// The fold itself, on the edges a byte scan can get wrong.
  @Test(arguments: [
    ("{\n\n}", "{}"),
    ("{\n  \"a\" : [\n\n  ],\n  \"b\" : {\n\n  }\n}", "{\n  \"a\" : [],\n  \"b\" : {}\n}"),
    ("[\n  1\n]", "[\n  1\n]"),
    ("{\n\n  \"x\" : 1}", "{\n\n  \"x\" : 1}"),
    ("[", "["),
    ("{\n}", "{\n}"),
    ("[\n\n", "[\n\n"),
    ("[\n\n  }", "[\n\n  }"),
  ])
  func emptyContainersCollapse(_ input: String, _ expected: String) {
    #expect(JSONText.collapsingEmpty(input) == expected)
  }
}
