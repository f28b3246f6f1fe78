import Testing

@testable import ListScrub

/// A bad rules file is refused with `file:line:column`, the key, and what to write instead; one
/// case per kind of bad input.
@Suite struct RulesFileErrorTests {
  /// A valid country to build bad files from.
  static let header = "schema = 1\nversion = \"t\"\n"
  static let spain = """
    [ES]
    name = "Spain"
    consent = "required"
    optout_deadline_days = 30
    optout_deadline_kind = "calendar"

    """

  /// The error `text` gives, as location, message and hint.
  static func error(_ text: String) -> (location: String, message: String, hint: String)? {
    do {
      _ = try RulesFile.read(text, file: "rules.toml")
      return nil
    } catch let ScrubError.badData(location, message, hint) {
      return (location, message.description, hint.description)
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func aValidFileReads() throws {
    let file = try RulesFile.read(Self.header + Self.spain, file: "rules.toml")
    #expect(file.order == ["ES"])
    #expect(file.version == "t")
  }

  @Test(arguments: [
    // unknown keys, with the nearest valid one
    (
      spain + "optout_deadline_day = 3\n", "rules.toml:8:1",
      "unknown key 'optout_deadline_day' in [ES]", "did you mean 'optout_deadline_days'?"
    ),
    (
      spain
        + "[[ES.registry]]\nname = \"R\"\nsource = \"es-r\"\nkind = \"national\"\naccess = \"consult\"\nmax_age_day = 3\n",
      "rules.toml:13:1", "unknown key 'max_age_day' in [[ES.registry]]", "did you mean 'max_age_days'?"
    ),
    (spain + "[ES.hour]\n", "rules.toml:8:1", "unknown table [ES.hour]", "did you mean [ES.hours]?"),
    (
      "colour = 1\n", "rules.toml:3:1", "unknown key 'colour' in the top of a rules file",
      "takes schema, version"
    ),
    // country codes
    ("[es]\nname = \"x\"\n", "rules.toml:3:1", "[es]: 'es' is not a country code", "upper case: [ES]"),
    ("[ESP]\nname = \"x\"\n", "rules.toml:3:1", "[ESP]: 'ESP' is not a country code", "ISO 3166"),
    ("[US-TEXAS]\nname = \"x\"\n", "rules.toml:3:1", "'US-TEXAS' is not a country code", "US-TX"),
    (
      "[US-TX]\nname = \"Texas\"\nparent = \"CA\"\n", "rules.toml:5:10",
      "'parent' in [US-TX] does not match the code US-TX", "the parent of US-TX is US"
    ),
    // negative ages and days
    (
      spain.replacing("optout_deadline_days = 30", with: "optout_deadline_days = -1"), "rules.toml:6:24",
      "'optout_deadline_days' in [ES] is negative: -1", "days, 0 to 3650"
    ),
    (
      spain
        + "[[ES.registry]]\nname = \"R\"\nsource = \"es-r\"\nkind = \"national\"\naccess = \"consult\"\nmax_age_days = -31\n",
      "rules.toml:13:16", "'max_age_days' in [[ES.registry]] is negative: -31", "days, 1 to 3650"
    ),
    (
      spain + "ebr_purchase_months = -18\n", "rules.toml:8:23",
      "'ebr_purchase_months' in [ES] is negative: -18", "months, 0 to 120"
    ),
    // dates and times
    (
      spain + "[[ES.holiday]]\nname = \"x\"\nrule = \"02-30\"\n", "rules.toml:10:8",
      "\"02-30\" is not a holiday rule", "MM-DD"
    ),
    (
      spain + "[[ES.holiday]]\nname = \"x\"\nrule = \"6-mon-01\"\n", "rules.toml:10:8",
      "\"6-mon-01\" is not a holiday rule", "last-mon-05"
    ),
    (
      spain
        + "[ES.hours]\nweekday = [\"08:00-21:00\", \"25:00-26:00\"]\nsaturday = []\nsunday = []\nholidays = \"allowed\"\n",
      "rules.toml:9:27", "\"25:00-26:00\" is not a time window", "HH:MM-HH:MM"
    ),
    (
      spain + "[ES.hours]\nweekday = [\"21:00-08:00\"]\nsaturday = []\nsunday = []\nholidays = \"allowed\"\n",
      "rules.toml:9:12", "\"21:00-08:00\" is not a time window", "start before end"
    ),
    (
      spain
        + "[ES.hours]\nweekday = [\"14:00-20:00\", \"10:00-13:00\"]\nsaturday = []\nsunday = []\nholidays = \"allowed\"\n",
      "rules.toml:9:27", "overlaps or precedes the window before it", "in order"
    ),
    // unverified entries that name no key
    (
      spain + "unverified = [\"consent\", \"optout_deadline\"]\n", "rules.toml:8:26",
      "'unverified' in [ES] names \"optout_deadline\", which is no key of a rule",
      "did you mean \"optout_deadline_days\"?"
    ),
    (
      spain + "unverified = [\"registry.max_age\"]\n", "rules.toml:8:15",
      "names \"registry.max_age\"", "did you mean \"registry.max_age_days\"?"
    ),
    // values of the wrong kind or choice
    (
      spain.replacing("consent = \"required\"", with: "consent = \"opt-in\""), "rules.toml:5:11",
      "'consent' in [ES] cannot be \"opt-in\"", "\"not-required\", \"required\""
    ),
    (
      spain + "registry_exemptions = [\"consent\", \"ebr\"]\n", "rules.toml:8:35",
      "'registry_exemptions' in [ES] cannot hold \"ebr\"", "written-consent"
    ),
    (
      spain + "note = 3\n", "rules.toml:8:8", "'note' in [ES] must be a string, found an integer",
      "note = \"...\""
    ),
    // missing keys and tables
    ("[FR]\nname = \"France\"\n", "rules.toml:3:1", "[FR] has no 'consent'", "a country needs name"),
    (
      spain + "[[ES.registry]]\nname = \"R\"\n", "rules.toml:8:1", "[[ES.registry]] has no 'source'",
      "needs name, source"
    ),
    (
      "[ES.hours]\nweekday = []\nsaturday = []\nsunday = []\nholidays = \"allowed\"\n", "rules.toml:3:1",
      "ES has sub-tables but no [ES] table", "add [ES]"
    ),
    (spain + spain, "rules.toml:8:1", "[ES] is defined twice (first on line 3)", "keep one [ES]"),
    (
      spain + "[ES.registry]\n", "rules.toml:8:1", "[ES.registry] must be written [[ES.registry]]",
      "array of tables"
    ),
    // the schema
    ("schema = 2\n[X]\n", "rules.toml:1:10", "schema 2 is not one this scrub reads", "schema = 1"),
  ])
  func checks(text: String, location: String, message: String, hint: String) throws {
    let text = text.hasPrefix("schema") ? text : Self.header + text
    let found = try #require(Self.error(text))
    #expect(found.location == location)
    #expect(found.message.contains(message), "\(found.message)")
    #expect(found.hint.contains(hint), "\(found.hint)")
  }

  /// Syntax outside the subset, each at its line and column.
  @Test(arguments: [
    ("name = 'x'\n", "rules.toml:1:8", "literal strings ('...') are not part of the rules format"),
    ("name = \"x\n", "rules.toml:1:8", "the string that starts here is not closed on its line"),
    ("name = \"a\\qb\"\n", "rules.toml:1:10", "'\\q' is not an escape"),
    ("name \"x\"\n", "rules.toml:1:6", "expected '=' after the key 'name'"),
    ("a.b = 1\n", "rules.toml:1:2", "dotted keys are not part of the rules format"),
    ("\"a\" = 1\n", "rules.toml:1:1", "quoted keys are not part of the rules format"),
    ("n = 1.5\n", "rules.toml:1:5", "'1.5' is not an integer"),
    ("d = 2026-01-04\n", "rules.toml:1:5", "'2026-01-04' is not an integer"),
    ("n = 012\n", "rules.toml:1:5", "has a leading zero"),
    ("t = { a = 1 }\n", "rules.toml:1:5", "inline tables are not part of the rules format"),
    ("t = yes\n", "rules.toml:1:5", "'yes' is not a value: a string goes in double quotes"),
    ("t = @\n", "rules.toml:1:5", "'@' does not start a value"),
    ("a = [\"x\", 3]\n", "rules.toml:1:11", "the array of 'a' holds strings only"),
    ("a = [\"x\" \"y\"]\n", "rules.toml:1:10", "expected ',' or ']'"),
    ("a = [\n  \"x\",\n", "rules.toml:1:5", "the array of 'a' that starts here is never closed"),
    ("a = \"x\" \"y\"\n", "rules.toml:1:9", "unexpected '\"' after the value of 'a'"),
    ("[ES\n", "rules.toml:1:4", "expected ']' to close the table header [ES"),
    ("a = 1\na = 2\n", "rules.toml:2:1", "duplicate key 'a' (first set on line 1)"),
    ("a =\n", "rules.toml:1:4", "the key 'a' has no value"),
  ])
  func syntax(text: String, location: String, message: String) throws {
    let found = try #require(Self.error(text))
    #expect(found.location == location)
    #expect(found.message.contains(message), "\(found.message)")
  }

  /// What the subset does accept: comments anywhere, arrays over lines with a trailing comma,
  /// escapes, booleans.
  @Test func theSubsetReadsAsTOML() throws {
    let document = try RulesParser.parse(
      """
      # a comment
      a = "x \\"y\\" \\u00e9"  # after a value
      b = [
        "one",  # between items
        "two",
      ]
      c = true
      d = -4
      [ES]   # after a header
      [[ES.holiday]]

      """, file: "f")
    #expect(
      document.topLevel.map(\.value) == [
        .string("x \"y\" é"), .strings(["one", "two"]), .boolean(true), .integer(-4),
      ])
    #expect(document.tables.map(\.header) == ["[ES]", "[[ES.holiday]]"])
    #expect(document.topLevel[1].itemsAt.map(\.line) == [4, 5])
  }

  /// A file that is not UTF-8, or a folder, is refused before it is parsed.
  @Test func aMissingUserFileIsMissingInput() throws {
    #expect(throws: ScrubError.self) {
      _ = try CountryRules.load(explicit: "/nonexistent/rules.toml", environment: [:])
    }
    do {
      _ = try CountryRules.load(explicit: "/nonexistent/rules.toml", environment: [:])
    } catch let error as ScrubError {
      #expect(error.exitStatus == .noInput)
    }
  }
}
