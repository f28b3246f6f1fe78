/// A rules file read and checked: every key known and of its type, every value in range, every
/// country code well formed, every `unverified` entry naming a fact. Its countries are kept as
/// written (a subdivision's missing keys are its country's), so that a user's file can replace a
/// country before ``CountryRules`` resolves the subdivisions over it.
struct RulesFile: Sendable {
  /// One `[XX]` table with its `[XX.hours]`, `[[XX.registry]]` and `[[XX.holiday]]` tables.
  struct Country: Sendable {
    var code: String
    var at: RulesDocument.Position
    var entries: [String: RulesDocument.Entry] = [:]
    var hours: RulesDocument.Table?
    var registries: [RulesDocument.Table] = []
    var holidays: [RulesDocument.Table] = []
    /// Where `[XX.hours]` etc. were written before `[XX]` itself, if it never comes.
    var declared = false

    var parentCode: String? { code.count > 2 ? String(code.prefix(2)) : nil }

    func string(_ key: String) -> String? {
      if case .string(let s)? = entries[key]?.value { return s }
      return nil
    }

    func integer(_ key: String) -> Int? {
      if case .integer(let n)? = entries[key]?.value { return n }
      return nil
    }

    func strings(_ key: String) -> [String]? {
      if case .strings(let s)? = entries[key]?.value { return s }
      return nil
    }
  }

  static let schema = 1

  var document: RulesDocument
  var version: String?
  var countries: [String: Country] = [:]
  /// Codes in file order.
  var order: [String] = []

  // MARK: the keys

  enum KeyType {
    case text
    case texts
    case integer(ClosedRange<Int>, String)
    case choice([String])
    case choices([String])
    case countryCode
    case windows
    case holidayDate
  }

  static let countryKeys: [(String, KeyType)] = [
    ("name", .text),
    ("parent", .countryCode),
    ("consent", .choice(CountryRule.Consent.allCases.map(\.rawValue))),
    ("consent_bases", .choices(CountryRule.ConsentBasis.allCases.map(\.rawValue))),
    ("customer_relationship_months", .integer(0...EBRPolicy.maxMonths, "months")),
    ("registry_exemptions", .choices(CountryRule.RegistryExemption.allCases.map(\.rawValue))),
    ("ebr_purchase_months", .integer(0...EBRPolicy.maxMonths, "months")),
    ("ebr_inquiry_months", .integer(0...EBRPolicy.maxMonths, "months")),
    ("optout_deadline_days", .integer(0...3650, "days")),
    ("optout_deadline_kind", .choice(CountryRule.OptOutDeadline.Days.allCases.map(\.rawValue))),
    ("unverified", .texts),
    ("citations", .texts),
    ("note", .text),
  ]

  static let registryKeys: [(String, KeyType)] = [
    ("name", .text),
    ("source", .text),
    ("kind", .choice(RegistryKind.allCases.map(\.rawValue))),
    ("access", .choice(CountryRule.Registry.Access.allCases.map(\.rawValue))),
    ("max_age_days", .integer(1...3650, "days")),
  ]

  static let hoursKeys: [(String, KeyType)] = [
    ("weekday", .windows),
    ("saturday", .windows),
    ("sunday", .windows),
    ("holidays", .choice(CallingHours.Holidays.allCases.map(\.rawValue))),
  ]

  static let holidayKeys: [(String, KeyType)] = [
    ("name", .text),
    ("rule", .holidayDate),
    ("observed", .choice(HolidayRule.Observed.allCases.map(\.rawValue))),
    ("from", .integer(1800...2200, "a year")),
    ("until", .integer(1800...2200, "a year")),
  ]

  static let subTables = ["hours", "registry", "holiday"]

  /// What an `unverified` entry may name: a country key, a whole part of the rule, or one key of
  /// its registries or hours.
  static let factNames: [String] =
    countryKeys.map(\.0).filter { !["name", "parent", "unverified", "citations", "note"].contains($0) }
    + ["registry", "hours", "holiday"] + registryKeys.map { "registry." + $0.0 }
    + hoursKeys.map { "hours." + $0.0 }

  // MARK: reading

  static func read(_ text: String, file: String) throws -> RulesFile {
    var rules = RulesFile(document: try RulesParser.parse(text, file: file))
    try rules.check()
    return rules
  }

  private init(document: RulesDocument) { self.document = document }

  private func fail(_ message: UserText, at: RulesDocument.Position, hint: UserText) -> ScrubError {
    .badData(location: document.location(at), message: message, hint: hint)
  }

  private func unknownKey(_ entry: RulesDocument.Entry, in place: String, known: [String]) -> ScrubError {
    let hint: UserText =
      if let near = NearestName.nearest(to: entry.key, in: known) {
        "did you mean '\(near)'? \(place) takes \(known.joined(separator: ", "))"
      } else {
        "\(place) takes \(known.joined(separator: ", "))"
      }
    return fail("unknown key '\(entry.key)' in \(place)", at: entry.keyAt, hint: hint)
  }

  private mutating func check() throws {
    var schema: Int?
    for entry in document.topLevel {
      switch entry.key {
      case "schema":
        guard case .integer(let n) = entry.value else {
          throw fail(
            "'schema' must be an integer, found \(entry.value.typeName)", at: entry.valueAt,
            hint: "write schema = \(Self.schema)")
        }
        guard n == Self.schema else {
          throw fail(
            "schema \(n) is not one this scrub reads (it reads schema \(Self.schema))", at: entry.valueAt,
            hint: "write schema = \(Self.schema), or upgrade scrub for a newer rules file")
        }
        schema = n
      case "version":
        guard case .string(let s) = entry.value, !s.isEmpty else {
          throw fail(
            "'version' must be a non-empty string", at: entry.valueAt, hint: "write version = \"2026.12.02\"")
        }
        version = s
      default:
        throw unknownKey(entry, in: "the top of a rules file", known: ["schema", "version"])
      }
    }
    guard schema != nil else {
      throw ScrubError.badData(
        location: "\(document.file):1:1", message: "the rules file does not say its schema",
        hint: "put schema = \(Self.schema) before the first table")
    }
    var seenHours: Set<String> = []
    for table in document.tables {
      let code = table.path[0]
      try checkCode(code, at: table.at, header: table.header)
      if countries[code] == nil {
        countries[code] = Country(code: code, at: table.at)
        order.append(code)
      }
      switch table.path.count {
      case 1:
        guard !table.isArrayElement else {
          throw fail(
            "\(table.header): a country is one table, not an array", at: table.at, hint: "write [\(code)]")
        }
        guard !countries[code]!.declared else {
          throw fail(
            "[\(code)] is defined twice (first on line \(countries[code]!.at.line))", at: table.at,
            hint: "keep one [\(code)] table: a later one would silently replace the first")
        }
        countries[code]!.declared = true
        countries[code]!.at = table.at
        try checkEntries(table, keys: Self.countryKeys, place: "[\(code)]")
        for entry in table.entries { countries[code]!.entries[entry.key] = entry }
        try checkCountry(countries[code]!)
      case 2:
        let sub = table.path[1]
        guard Self.subTables.contains(sub) else {
          let near =
            NearestName.nearest(to: sub, in: Self.subTables).map { "did you mean [\(code).\($0)]? " } ?? ""
          throw fail(
            "unknown table \(table.header)", at: table.at,
            hint: "\(near)a country has [\(code).hours], [[\(code).registry]] and [[\(code).holiday]]")
        }
        let wantsArray = sub != "hours"
        guard table.isArrayElement == wantsArray else {
          let right = wantsArray ? "[[\(code).\(sub)]]" : "[\(code).\(sub)]"
          throw fail(
            "\(table.header) must be written \(right)", at: table.at,
            hint: wantsArray
              ? "each \(sub) is one element of an array of tables" : "a country has one hours table")
        }
        switch sub {
        case "hours":
          guard seenHours.insert(code).inserted else {
            throw fail(
              "[\(code).hours] is defined twice", at: table.at, hint: "keep one [\(code).hours] table")
          }
          try checkEntries(
            table, keys: Self.hoursKeys, place: table.header,
            required: ["weekday", "saturday", "sunday", "holidays"])
          countries[code]!.hours = table
        case "registry":
          try checkEntries(
            table, keys: Self.registryKeys, place: table.header,
            required: ["name", "source", "kind", "access"])
          if let source = table.entries.first(where: { $0.key == "source" }),
            case .string(let name) = source.value
          {
            do {
              try RegistrySource.validate(name: name)
            } catch {
              throw fail(
                "'\(name)' is not a source name", at: source.valueAt,
                hint: "a source is named in lower-case letters, digits, . _ - (us-ftc)")
            }
          }
          countries[code]!.registries.append(table)
        default:
          try checkEntries(table, keys: Self.holidayKeys, place: table.header, required: ["name", "rule"])
          let values = Dictionary(table.entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
          if case .integer(let from)? = values["from"]?.value,
            case .integer(let until)? = values["until"]?.value,
            until < from
          {
            throw fail(
              "'until' \(until) is before 'from' \(from)", at: values["until"]!.valueAt,
              hint: "a holiday exists from its first year to its last")
          }
          countries[code]!.holidays.append(table)
        }
      default:
        throw fail(
          "\(table.header) is nested too deep", at: table.at,
          hint: "tables are [XX], [XX.hours], [[XX.registry]] and [[XX.holiday]]")
      }
    }
    for code in order where !countries[code]!.declared {
      let country = countries[code]!
      throw fail(
        "\(code) has sub-tables but no [\(code)] table", at: country.at,
        hint: "add [\(code)] with at least its name")
    }
  }

  /// `XX` (ISO 3166-1 alpha-2) or `XX-YYY` (ISO 3166-2, a subdivision), upper case.
  static func isCountryCode(_ code: String) -> Bool {
    let parts = code.split(separator: "-", omittingEmptySubsequences: false)
    guard parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
    if parts.count == 1 { return true }
    return parts.count == 2 && (1...3).contains(parts[1].count)
      && parts[1].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
  }

  private func checkCode(_ code: String, at: RulesDocument.Position, header: String) throws {
    guard Self.isCountryCode(code) else {
      let upper = code.uppercased()
      let hint: UserText =
        Self.isCountryCode(upper)
        ? "country codes are upper case: [\(upper)]"
        : "a table is named by an ISO 3166 code: a country (ES) or a subdivision (US-TX)"
      throw fail("\(header): '\(code)' is not a country code", at: at, hint: hint)
    }
  }

  private func checkEntries(
    _ table: RulesDocument.Table, keys: [(String, KeyType)], place: String, required: [String] = []
  ) throws {
    let known = keys.map(\.0)
    for entry in table.entries {
      guard let type = keys.first(where: { $0.0 == entry.key })?.1 else {
        throw unknownKey(entry, in: place, known: known)
      }
      try checkValue(entry, type, place: place)
    }
    for key in required where !table.entries.contains(where: { $0.key == key }) {
      throw fail(
        "\(place) has no '\(key)'", at: table.at, hint: "\(place) needs \(required.joined(separator: ", "))")
    }
  }

  private func checkValue(_ entry: RulesDocument.Entry, _ type: KeyType, place: String) throws {
    func wrongType(_ expected: String, example: String) -> ScrubError {
      fail(
        "'\(entry.key)' in \(place) must be \(expected), found \(entry.value.typeName)", at: entry.valueAt,
        hint: "write \(entry.key) = \(example)")
    }
    switch (type, entry.value) {
    case (.text, .string), (.texts, .strings):
      return
    case (.text, _): throw wrongType("a string", example: "\"...\"")
    case (.texts, _): throw wrongType("an array of strings", example: "[\"...\"]")
    case (.integer(let range, let unit), .integer(let n)):
      guard range.contains(n) else {
        let what = n < 0 ? "negative" : "out of range"
        throw fail(
          "'\(entry.key)' in \(place) is \(what): \(n)", at: entry.valueAt,
          hint: "\(entry.key) is \(unit), \(range.lowerBound) to \(range.upperBound)")
      }
    case (.integer(let range, _), _):
      throw wrongType("an integer", example: "\(range.lowerBound)")
    case (.choice(let allowed), .string(let s)):
      guard allowed.contains(s) else {
        let near = NearestName.nearest(to: s, in: allowed).map { "did you mean \"\($0)\"? " } ?? ""
        throw fail(
          "'\(entry.key)' in \(place) cannot be \"\(s)\"", at: entry.valueAt,
          hint: "\(near)\(entry.key) is one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
      }
    case (.choice(let allowed), _):
      throw wrongType("a string", example: "\"\(allowed[0])\"")
    case (.choices(let allowed), .strings(let items)):
      for (i, s) in items.enumerated() where !allowed.contains(s) {
        let near = NearestName.nearest(to: s, in: allowed).map { "did you mean \"\($0)\"? " } ?? ""
        throw fail(
          "'\(entry.key)' in \(place) cannot hold \"\(s)\"", at: entry.at(item: i),
          hint: "\(near)\(entry.key) holds \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
      }
    case (.choices(let allowed), _):
      throw wrongType("an array of strings", example: "[\"\(allowed[0])\"]")
    case (.countryCode, .string(let s)):
      guard Self.isCountryCode(s) else {
        throw fail(
          "'\(entry.key)' in \(place): '\(s)' is not a country code", at: entry.valueAt,
          hint: "a country is an upper-case ISO 3166 code (US)")
      }
    case (.countryCode, _):
      throw wrongType("a string", example: "\"US\"")
    case (.windows, .strings(let items)):
      var last = -1
      for (i, s) in items.enumerated() {
        guard let window = CallingHours.Window(s) else {
          throw fail(
            "'\(entry.key)' in \(place): \"\(s)\" is not a time window", at: entry.at(item: i),
            hint:
              "write windows as \"HH:MM-HH:MM\" in 24-hour time, start before end (\"08:00-21:00\"); [] for no calls"
          )
        }
        guard window.start >= last else {
          throw fail(
            "'\(entry.key)' in \(place): \"\(s)\" overlaps or precedes the window before it",
            at: entry.at(item: i),
            hint: "list a day's windows in order, without overlap")
        }
        last = window.end
      }
    case (.windows, _):
      throw wrongType("an array of time windows", example: "[\"08:00-21:00\"]")
    case (.holidayDate, .string(let s)):
      guard HolidayRule.Date(s) != nil else {
        throw fail(
          "'\(entry.key)' in \(place): \"\(s)\" is not a holiday rule", at: entry.valueAt,
          hint:
            "a rule is a day that exists, MM-DD (\"12-25\"), the n-th or last weekday of a month (\"4-thu-11\", \"last-mon-05\"), or days from Easter (\"easter+1\")"
        )
      }
    case (.holidayDate, _):
      throw wrongType("a string", example: "\"12-25\"")
    }
  }

  /// The checks across a country's keys.
  private func checkCountry(_ country: Country) throws {
    let code = country.code
    let place = "[\(code)]"
    if let parent = country.entries["parent"] {
      guard case .string(let p) = parent.value, let expected = country.parentCode, p == expected else {
        let hint: UserText =
          country.parentCode.map { "the parent of \(code) is \($0)" }
          ?? "only a subdivision (XX-YY) has a parent"
        throw fail("'parent' in \(place) does not match the code \(code)", at: parent.valueAt, hint: hint)
      }
    }
    let required =
      country.parentCode == nil
      ? ["name", "consent", "optout_deadline_days", "optout_deadline_kind"] : ["name"]
    for key in required where country.entries[key] == nil {
      throw fail(
        "\(place) has no '\(key)'", at: country.at,
        hint: "a country needs \(required.joined(separator: ", ")); a subdivision needs its name only")
    }
    if let entry = country.entries["unverified"], case .strings(let facts) = entry.value {
      for (i, fact) in facts.enumerated() where !Self.factNames.contains(fact) {
        let near = NearestName.nearest(to: fact, in: Self.factNames).map { "did you mean \"\($0)\"? " } ?? ""
        throw fail(
          "'unverified' in \(place) names \"\(fact)\", which is no key of a rule", at: entry.at(item: i),
          hint:
            "\(near)unverified names a key (optout_deadline_days), a part of the rule (consent, registry, hours, holiday) or a registry key (registry.max_age_days)"
        )
      }
    }
  }
}
