import Foundation

/// The country rules table in effect: the one compiled in (`rules/countries.toml`, see
/// ``BundledRules``), with whole countries replaced or added by a user's rules file (``load``).
///
/// Subdivisions are resolved here: `US-TX` holds the keys of `US` it does not set itself, `US`'s
/// registries and holidays followed by its own, and both tables' unverified facts and citations.
/// A user's `[US]` therefore changes `US-TX` too.
public struct CountryRules: Sendable {
  /// The bundled table's `version`.
  public let bundledVersion: String
  /// `bundledVersion`, or `<bundled>+<12 hex of the user file's SHA-256>` when a user file is in
  /// effect: the run record stores it, with ``sha256``.
  public let version: String
  /// SHA-256 of the effective table (every resolved rule, as `scrub rules --json` prints them):
  /// two tables with the same hash apply the same rules.
  public let sha256: String
  /// The user's rules file in effect, if any, and the SHA-256 of its bytes.
  public let userFile: String?
  public let userFileSHA256: String?
  /// Codes the user's file adds to the bundled table.
  public let added: [String]
  /// Codes the user's file replaces.
  public let replaced: [String]
  private let byCode: [String: CountryRule]

  /// Every code, sorted.
  public var codes: [String] { byCode.keys.sorted() }

  /// Every rule, by code.
  public var rules: [CountryRule] { codes.map { byCode[$0]! } }

  /// The rule for `code` (`es`, `US-TX`: case does not matter); nil when the table has none.
  public func rule(for code: String) -> CountryRule? { byCode[code.uppercased()] }

  /// The country whose sources cover `number`: its region's rule's country (`PR` numbers are
  /// `US-PR`, the US's), else its region's code; nil when the number has no region.
  public func country(of number: PhoneNumber) -> String? {
    guard let region = number.region?.description else { return nil }
    guard let rule = rule(forRegion: region) else { return region }
    return rule.parent ?? rule.code
  }

  /// The US territories that have a region of their own in the phone tables and a rule as the
  /// US's subdivisions here (`US-PR`): the FTC's registry covers them.
  static let usTerritories: Set<String> = ["PR", "VI", "GU", "MP", "AS", "UM"]

  /// The rule for a phone number's region (ISO 3166 alpha-2): its own, or for a US territory,
  /// `US-XX`'s; nil when the table has neither.
  public func rule(forRegion region: String) -> CountryRule? {
    rule(for: region) ?? (Self.usTerritories.contains(region) ? rule(for: "US-" + region) : nil)
  }

  /// The nearest code the table has, for "did you mean".
  public func nearestCode(to code: String) -> String? {
    let code = code.uppercased()
    return codes.first { $0.hasPrefix(code + "-") }
      ?? codes.filter { EditDistance.between(Array(code), Array($0)) == 1 }.first
  }

  /// The bundled table, parsed once. The tests check that it parses and equals the file.
  public static let bundled: CountryRules = {
    do {
      return try CountryRules(bundled: BundledRules.text, file: BundledRules.file)
    } catch {
      fatalError("the bundled rules table does not parse: \(error)")
    }
  }()

  /// The bundled table `text` (named `file` in errors), with the user's file over it when given.
  /// `userSHA256` is the hash of the user file's bytes (default: of `user.text` as UTF-8).
  public init(
    bundled text: String, file: String, user: (text: String, path: String)? = nil, userSHA256: String? = nil
  ) throws {
    let base = try RulesFile.read(text, file: file)
    guard let baseVersion = base.version else {
      throw ScrubError.badData(
        location: "\(file):1:1", message: "the bundled rules table has no version",
        hint: "set version = \"YYYY.MM.DD\" at the top")
    }
    var raw = base.countries
    var added: [String] = []
    var replaced: [String] = []
    var origin: [String: RulesFile] = [:]
    for code in base.order { origin[code] = base }
    if let user {
      let over = try RulesFile.read(user.text, file: user.path)
      for code in over.order {
        if raw[code] == nil { added.append(code) } else { replaced.append(code) }
        raw[code] = over.countries[code]
        origin[code] = over
      }
    }
    var resolved: [String: CountryRule] = [:]
    for (code, country) in raw {
      var parent: RulesFile.Country?
      if let parentCode = country.parentCode {
        guard let found = raw[parentCode], found.parentCode == nil else {
          let document = origin[code]!.document
          throw ScrubError.badData(
            location: document.location(country.at),
            message: "[\(code)] is a subdivision of \(parentCode), which the rules table does not have",
            hint: "add a [\(parentCode)] table with the country's rule")
        }
        parent = found
      }
      resolved[code] = Self.resolve(country, parent: parent)
    }
    self.bundledVersion = baseVersion
    self.byCode = resolved
    self.added = added.sorted()
    self.replaced = replaced.sorted()
    if let user {
      let hash = userSHA256 ?? SHA256.hex(of: Array(user.text.utf8))
      self.userFile = user.path
      self.userFileSHA256 = hash
      self.version = baseVersion + "+" + hash.prefix(12)
    } else {
      self.userFile = nil
      self.userFileSHA256 = nil
      self.version = baseVersion
    }
    let ordered = resolved.keys.sorted().map { resolved[$0]! }
    self.sha256 = SHA256.hex(of: Array(try JSONText.encode(ordered).utf8))
  }

  /// The effective table for a command: the bundled one, with the file ``RulesLocation`` finds
  /// (`--rules`, `$SCRUB_RULES`, `$XDG_CONFIG_HOME/listscrub/rules.toml`) over it.
  public static func load(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> CountryRules {
    guard let location = RulesLocation.resolve(explicit: explicit, environment: environment) else {
      return bundled
    }
    let path = location.path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      if !location.mustExist { return bundled }
      throw ScrubError.missingInput(path: path, reason: "no such file (\(location.origin))")
    }
    guard !isFolder.boolValue else {
      throw ScrubError.missingInput(path: path, reason: "a folder, not a rules file (\(location.origin))")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScrubError.missingInput(path: path, reason: "permission denied (\(location.origin))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScrubError.badData(
        location: path, message: "the rules file is not UTF-8 text", hint: "save it as UTF-8")
    }
    return try CountryRules(
      bundled: BundledRules.text, file: BundledRules.file, user: (text, path),
      userSHA256: SHA256.hex(of: data))
  }

  static func resolve(_ own: RulesFile.Country, parent: RulesFile.Country?) -> CountryRule {
    func string(_ key: String) -> String? { own.string(key) ?? parent?.string(key) }
    func integer(_ key: String) -> Int? { own.integer(key) ?? parent?.integer(key) }
    func strings(_ key: String) -> [String]? { own.strings(key) ?? parent?.strings(key) }
    func registries(of country: RulesFile.Country) -> [CountryRule.Registry] {
      country.registries.map { table in
        let values = Dictionary(table.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        func text(_ key: String) -> String {
          if case .string(let s)? = values[key] { return s }
          return ""
        }
        var maxAge: Int?
        if case .integer(let n)? = values["max_age_days"] { maxAge = n }
        return CountryRule.Registry(
          name: text("name"), source: text("source"), kind: RegistryKind(rawValue: text("kind")) ?? .national,
          access: .init(rawValue: text("access")) ?? .consult, maxAgeDays: maxAge, listedBy: country.code)
      }
    }
    func holidays(of country: RulesFile.Country) -> [HolidayRule] {
      country.holidays.compactMap { table in
        let values = Dictionary(table.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard case .string(let name)? = values["name"], case .string(let rule)? = values["rule"],
          let date = HolidayRule.Date(rule)
        else { return nil }
        var observed = HolidayRule.Observed.none
        if case .string(let s)? = values["observed"], let o = HolidayRule.Observed(rawValue: s) {
          observed = o
        }
        var from: Int?
        var until: Int?
        if case .integer(let n)? = values["from"] { from = n }
        if case .integer(let n)? = values["until"] { until = n }
        return HolidayRule(name: name, date: date, observed: observed, from: from, until: until)
      }
    }
    func hours(of country: RulesFile.Country?) -> CallingHours? {
      guard let table = country?.hours else { return nil }
      let values = Dictionary(table.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
      func windows(_ key: String) -> [CallingHours.Window] {
        if case .strings(let items)? = values[key] { return items.compactMap(CallingHours.Window.init) }
        return []
      }
      var holidays = CallingHours.Holidays.allowed
      if case .string(let s)? = values["holidays"], let h = CallingHours.Holidays(rawValue: s) {
        holidays = h
      }
      return CallingHours(
        weekday: windows("weekday"), saturday: windows("saturday"), sunday: windows("sunday"),
        holidays: holidays)
    }
    let consent = CountryRule.Consent(rawValue: string("consent") ?? "") ?? .required
    var unverified = parent?.strings("unverified") ?? []
    for fact in own.strings("unverified") ?? [] where !unverified.contains(fact) { unverified.append(fact) }
    return CountryRule(
      code: own.code, name: own.string("name") ?? own.code, parent: own.parentCode, consent: consent,
      consentBases: (strings("consent_bases") ?? (consent == .required ? ["consent"] : []))
        .compactMap(CountryRule.ConsentBasis.init(rawValue:)),
      customerRelationshipMonths: integer("customer_relationship_months"),
      registryExemptions: (strings("registry_exemptions") ?? []).compactMap(
        CountryRule.RegistryExemption.init),
      registries: (parent.map(registries(of:)) ?? []) + registries(of: own),
      optOutDeadline: .init(
        days: integer("optout_deadline_days") ?? 0,
        kind: .init(rawValue: string("optout_deadline_kind") ?? "") ?? .calendar),
      ebrPurchaseMonths: integer("ebr_purchase_months"), ebrInquiryMonths: integer("ebr_inquiry_months"),
      hours: hours(of: own) ?? hours(of: parent),
      holidays: (parent.map(holidays(of:)) ?? []) + holidays(of: own),
      citations: (own.strings("citations") ?? []) + (parent?.strings("citations") ?? []),
      unverified: unverified, note: own.string("note"))
  }
}
