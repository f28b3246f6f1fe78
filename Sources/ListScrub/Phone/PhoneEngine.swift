/// scrub's own phone-number engine for every country: phonenumbers' parsing, possibility,
/// validity and number type, on tables generated from its metadata (`PhoneEngineTables`, by
/// scripts/gen-phone-engine.py), without regular expressions or allocation.
///
/// Two halves: `PhoneEngineText` reads a cell's text the way phonenumbers does (the start of the
/// number, trailing junk, extensions, `tel:`, vanity letters, full-width and Arabic-Indic
/// digits) down to digits, a `+` flag and an extension; this file then follows phonenumbers'
/// `parse` on the digits: `+CC`, the default region's IDD prefixes (`00`, `011`, ...), the
/// default country code written without `+`, the national prefix with its carrier codes and
/// transform rules (Argentina's `0 11 15`, Brazil's `0 XX`), then the length checks.
/// `PhoneEngineAgreementTests` holds it to phonenumbers over a committed corpus.
struct PhoneEngine: Sendable {
  static let shared = PhoneEngine()

  /// True when some numbering plan has country calling code `code`.
  func isCallingCode(_ code: Int) -> Bool {
    code >= 0 && code < tables.plansByCode.count && !tables.plansByCode[code].isEmpty
  }

  /// PhoneLineType by type code (`allCases` would build an array each call).
  private static let lineTypes = PhoneLineType.allCases

  let tables = PhoneEngineTables.shared

  /// The metadata the tables were generated from, e.g. `phonenumbers 9.0.43`.
  static var dataVersion: String { PhoneEngineData.sourceVersion }

  /// A parsed number: calling code, national significant number (digits, leading zeros kept).
  struct Number: Equatable, Sendable {
    var countryCode: Int
    var national: UInt64
    var nationalDigits: Int

    /// The E.164 digits as an integer, nil when they do not fit (never for a possible number).
    var e164: Int64? {
      var value = UInt64(countryCode)
      for _ in 0..<nationalDigits {
        let (m, o) = value.multipliedReportingOverflow(by: 10)
        guard !o else { return nil }
        value = m
      }
      let (s, o) = value.addingReportingOverflow(national)
      guard !o, s <= UInt64(Int64.max) else { return nil }
      return Int64(s)
    }
  }

  /// What phonenumbers' `is_possible_number_with_reason`, `is_valid_number` and `number_type`
  /// say about a parsed number.
  struct Judgement: Equatable, Sendable {
    /// nil when possible; else too_short (also local only), too_long or invalid_length.
    var impossibility: PhoneRejection?
    var valid: Bool
    var type: PhoneLineType
  }

  enum Parsed: Equatable {
    case rejected(PhoneRejection)
    case number(Number)
  }

  /// phonenumbers.parse on normalized digits (values 0-9): `plus` when the text began with `+`.
  func parse(digits d: UnsafeBufferPointer<UInt8>, plus: Bool, region: PhoneRegion) -> Parsed {
    // phonenumbers' viability check: two digits, or a `+` and three.
    if d.count < (plus ? 3 : 2) { return .rejected(.notANumber) }
    let defaultPlan = tables.plan(region)
    if defaultPlan == nil && !plus { return .rejected(.invalidCountryCode) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * (d.count + 16)) { scratch in
      let scratchA = UnsafeMutableBufferPointer(rebasing: scratch[0..<(d.count + 16)])
      let scratchB = UnsafeMutableBufferPointer(rebasing: scratch[(d.count + 16)...])
      var extracted = extractCountryCode(d, plus: plus, plan: defaultPlan, scratch: scratchA)
      if case .failed(.invalidCountryCode) = extracted, plus {
        extracted = extractCountryCode(d, plus: false, plan: defaultPlan, scratch: scratchA)
        if case .none = extracted { return .rejected(.invalidCountryCode) }
      }
      var national: UnsafeBufferPointer<UInt8>
      let plan: PhonePlan
      let countryCode: Int
      switch extracted {
      case .failed(let reason):
        return .rejected(reason)
      case .found(let code, let rest):
        countryCode = code
        national = rest
        plan = tables.mainPlan(code)
      case .none:
        guard let defaultPlan else { return .rejected(.invalidCountryCode) }
        countryCode = defaultPlan.countryCode
        national = d
        plan = defaultPlan
      }
      if national.count < 2 { return .rejected(.tooShort) }
      let potential = plan.stripNationalPrefix(national, scratch: scratchB)
      switch plan.testLength(potential.count) {
      case .tooShort, .localOnly, .invalidLength: break
      case .possible, .tooLong: national = potential
      }
      if national.count < 2 { return .rejected(.tooShort) }
      if national.count > 17 { return .rejected(.tooLong) }
      var value: UInt64 = 0
      for digit in national { value = value &* 10 &+ UInt64(digit) }
      return .number(Number(countryCode: countryCode, national: value, nationalDigits: national.count))
    }
  }

  private enum Extracted {
    case found(Int, UnsafeBufferPointer<UInt8>)
    case none
    case failed(PhoneRejection)
  }

  /// phonenumbers' `_maybe_extract_country_code` on digits.
  private func extractCountryCode(
    _ d: UnsafeBufferPointer<UInt8>, plus: Bool, plan: PhonePlan?,
    scratch: UnsafeMutableBufferPointer<UInt8>
  ) -> Extracted {
    if d.isEmpty { return .none }
    var full = d
    var international = plus
    if !plus, let idd = plan?.internationalPrefix, let chosen = idd.match(d) {
      // A country code never starts with 0: then it was no IDD.
      if !(chosen.length < d.count && d[chosen.length] == 0) {
        full = UnsafeBufferPointer(rebasing: d[chosen.length...])
        international = true
      }
    }
    if international {
      if full.count <= 2 { return .failed(.tooShort) }
      guard full[0] != 0 else { return .failed(.invalidCountryCode) }
      var code = 0
      for i in 0..<min(3, full.count) {
        code = code * 10 + Int(full[i])
        if !tables.plansByCode[code].isEmpty {
          return .found(code, UnsafeBufferPointer(rebasing: full[(i + 1)...]))
        }
      }
      return .failed(.invalidCountryCode)
    }
    guard let plan else { return .none }
    // The default country's code written without `+`.
    var code = plan.countryCode
    var codeDigits = 0
    repeat {
      codeDigits += 1
      code /= 10
    } while code > 0
    guard full.count >= codeDigits else { return .none }
    var leading = 0
    for i in 0..<codeDigits { leading = leading * 10 + Int(full[i]) }
    guard leading == plan.countryCode else { return .none }
    let potential = plan.stripNationalPrefix(
      UnsafeBufferPointer(rebasing: full[codeDigits...]), scratch: scratch)
    if (!plan.matchesGeneral(full) && plan.matchesGeneral(potential))
      || plan.testLength(full.count) == .tooLong
    {
      return .found(plan.countryCode, potential)
    }
    return .none
  }

  /// phonenumbers' possibility, validity (`region_code_for_number`, then the region's types)
  /// and type for a parsed number.
  func judge(_ number: Number) -> Judgement {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(number.nationalDigits, 1)) { buffer in
      var value = number.national
      for i in stride(from: number.nationalDigits - 1, through: 0, by: -1) {
        buffer[i] = UInt8(value % 10)
        value /= 10
      }
      let nsn = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(buffer)[0..<number.nationalDigits])
      let indexes = tables.plansByCode[number.countryCode]
      let main = tables.plans[indexes[0]]
      let impossibility: PhoneRejection?
      switch main.testLength(nsn.count) {
      case .possible: impossibility = nil
      case .localOnly, .tooShort: impossibility = .tooShort
      case .tooLong: impossibility = .tooLong
      case .invalidLength: impossibility = .invalidLength
      }
      var found: PhonePlan? = indexes.count == 1 ? main : nil
      if found == nil {
        for index in indexes {
          let plan = tables.plans[index]
          if let leading = plan.leadingDigits {
            if leading.matchesPrefix(nsn) {
              found = plan
              break
            }
          } else if plan.typeCode(nsn) != 11 {
            found = plan
            break
          }
        }
      }
      let code = found?.typeCode(nsn) ?? 11
      return Judgement(impossibility: impossibility, valid: code != 11, type: Self.lineTypes[code])
    }
  }

  /// A cleaned cell (`PhoneCellCleanup`'s text) read and judged: nil when the text holds a
  /// character the reader does not know (see `PhoneEngineText`).
  func analyze(_ text: UnsafeBufferPointer<UInt8>, region: PhoneRegion) -> (
    parsed: Parsed, judgement: Judgement?, phoneExtension: PhoneExtension?
  )? {
    let plan = tables.plan(region)
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(text.count, 1)) { digits in
      guard let reading = PhoneEngineText.read(text, regionKnown: plan != nil, into: digits) else {
        return nil
      }
      switch reading {
      case .rejected(let reason):
        return (.rejected(reason), nil, nil)
      case .digits(let count, let plus, let phoneExtension):
        let parsed = parse(
          digits: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(digits)[0..<count]), plus: plus,
          region: region)
        guard case .number(let number) = parsed else { return (parsed, nil, nil) }
        return (parsed, judge(number), phoneExtension)
      }
    }
  }

  /// The normalizer's answer for a cleaned cell: NANP validity from `table` (scrub's own rules),
  /// other countries' from the tables. A character the reader does not know: `not_a_number`.
  func result(_ text: UnsafeBufferPointer<UInt8>, region: PhoneRegion, table: NANPTable)
    -> PhoneResult
  {
    guard let (parsed, judgement, phoneExtension) = analyze(text, region: region) else {
      return .rejected(.notANumber)
    }
    guard case .number(let number) = parsed, let judgement else {
      if case .rejected(let reason) = parsed { return .rejected(reason) }
      return .rejected(.notANumber)
    }
    if let impossibility = judgement.impossibility { return .rejected(impossibility) }
    guard let e164 = number.e164 else { return .rejected(.tooLong) }
    let phone = PhoneNumber(e164: e164)
    let rejection: PhoneRejection?
    if number.countryCode == 1 {
      guard let national = phone.nanpNational else { return .rejected(.tooShort) }
      rejection = table.rejection(national: national)
    } else {
      rejection = judgement.valid ? nil : .notValidForRegion
    }
    return PhoneResult(number: phone, phoneExtension: phoneExtension, rejection: rejection)
  }
}

extension PhoneEngine {
  /// phonenumbers' `number_type` for E.164 digits; `unknown` for a code with no plan. Integer
  /// work, no allocation: `--where phone_type` asks it for every number of a file.
  func type(e164: Int64) -> PhoneLineType {
    guard e164 > 0 else { return .unknown }
    var digits = 1
    var shorter = e164 / 10
    while shorter > 0 {
      digits += 1
      shorter /= 10
    }
    var code = 0
    for i in 0..<min(3, digits) {
      var leading = e164
      for _ in 0..<(digits - 1 - i) { leading /= 10 }
      code = Int(leading)
      guard !tables.plansByCode[code].isEmpty else { continue }
      let restDigits = digits - 1 - i
      guard restDigits > 0, restDigits <= 17 else { return .unknown }
      var power: Int64 = 1
      for _ in 0..<restDigits { power *= 10 }
      let national = UInt64(e164 % power)
      return judge(Number(countryCode: code, national: national, nationalDigits: restDigits)).type
    }
    return .unknown
  }
}
