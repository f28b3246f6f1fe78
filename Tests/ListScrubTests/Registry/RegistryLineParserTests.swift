import Testing

@testable import ListScrub

/// What one line of a registry file turns into: a number, a blank, or a rejection reason.
enum Parsed: Equatable, CustomStringConvertible {
  case number(Int64)
  case blank
  case rejected(String)

  var description: String {
    switch self {
    case .number(let n): return "+\(n)"
    case .blank: return "blank"
    case .rejected(let r): return "rejected(\(r))"
    }
  }
}

func parse(_ format: RegistryFormat, _ line: String) -> Parsed {
  var bytes = Array(line.utf8)
  return bytes.withUnsafeMutableBufferPointer { p in
    let b = UnsafeBufferPointer(p)
    do throws(LineRejection) {
      let value: Int64?
      switch format {
      case .ftc: value = try RegistryLineParser.ftc(b)
      case .plain: value = try RegistryLineParser.plain(b)
      case .e164: value = try RegistryLineParser.e164(b)
      case .tps: value = try RegistryLineParser.tps(b)
      case .csv: value = nil  // cells go through the phone normalizer, not a line parser
      }
      return value.map(Parsed.number) ?? .blank
    } catch {
      return .rejected(error.rawValue)
    }
  }
}

@Suite struct RegistryLineParserTests {
  @Test(arguments: [
    ("201,5550123", Parsed.number(12_015_550_123)),
    ("201,5550123\r", .number(12_015_550_123)),
    ("  416,2345678  ", .number(14_162_345_678)),
    ("201 , 5550123", .number(12_015_550_123)),
    ("", .blank),
    ("   \r", .blank),
    ("2015550123", .rejected("missing_comma")),
    ("201,555012", .rejected("wrong_length")),
    ("201,55501234", .rejected("wrong_length")),
    ("20a,5550123", .rejected("not_digits")),
    ("101,5550123", .rejected("invalid_area_code")),
    ("201,1550123", .rejected("invalid_exchange")),
    ("201;5550123", .rejected("missing_comma")),
  ])
  func ftc(line: String, expected: Parsed) {
    #expect(parse(.ftc, line) == expected)
  }

  @Test(arguments: [
    ("2015550123", Parsed.number(12_015_550_123)),
    ("12015550123", .number(12_015_550_123)),
    ("+1 (201) 555-0123", .number(12_015_550_123)),
    ("201.555.0123\r", .number(12_015_550_123)),
    ("", .blank),
    ("22015550123", .rejected("invalid_country_code")),
    ("201555012", .rejected("wrong_length")),
    ("201555012345", .rejected("wrong_length")),
    ("201-555-O123", .rejected("not_digits")),
    ("0015550123", .rejected("invalid_area_code")),
  ])
  func plain(line: String, expected: Parsed) {
    #expect(parse(.plain, line) == expected)
  }

  @Test(arguments: [
    ("+12015550123", Parsed.number(12_015_550_123)),
    ("+442073787244", .number(442_073_787_244)),
    ("+34678901234", .number(34_678_901_234)),
    ("12015550123", .rejected("not_digits")),
    ("+0123456789", .rejected("invalid_country_code")),
    ("+1234567", .rejected("wrong_length")),
    ("+1234567890123456", .rejected("wrong_length")),
    ("+1201555012", .rejected("wrong_length")),
    ("+12011550123", .rejected("invalid_exchange")),
    ("+44207x787244", .rejected("not_digits")),
  ])
  func e164(line: String, expected: Parsed) {
    #expect(parse(.e164, line) == expected)
  }

  @Test(arguments: [
    ("0207 3787244", Parsed.number(442_073_787_244)),
    ("0207 3787244\r", .number(442_073_787_244)),
    ("02073787244 ", .number(442_073_787_244)),
    ("01632 960001", .number(441_632_960_001)),
    ("0169772345  ", .number(44_169_772_345)),
    ("            ", .blank),
    ("207 3787244 ", .rejected("missing_trunk_zero")),
    ("0207 37872x4", .rejected("not_digits")),
    ("0207 37     ", .rejected("wrong_length")),
    ("020737872441234", .rejected("wrong_length")),
  ])
  func tps(line: String, expected: Parsed) {
    #expect(parse(.tps, line) == expected)
  }
}
