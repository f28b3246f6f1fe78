import ArgumentParser
import Foundation
import ListScrub

struct PhoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phone",
    abstract: "Normalize phone numbers to E.164, or say why they are invalid.",
    discussion: """
      Prints one line per input: the E.164 form (`+12015550123`, with `;ext=12` when there is an \
      extension), or `invalid:<reason>`; with --json, an object per input. With no NUMBER \
      arguments, reads stdin: one number per line, optionally `NUMBER<TAB>REGION`. --type adds a \
      tab and the number's line type.

      Reasons: empty, not_a_number, too_short, too_long, invalid_length, invalid_country_code, \
      invalid_area_code, invalid_exchange, fictional, not_valid_for_region.

      NANP validity comes from a table generated from \(PhoneNormalizer.nanpDataVersion); other \
      countries from scrub's phone engine, on tables generated from \
      \(PhoneNormalizer.engineDataVersion) (libphonenumber's metadata).

      Examples:
        scrub phone '1 (201) 555-0123 x12' 2015550123.0
        scrub phone --region GB '020 7946 0000'
        cut -f3 leads.tsv | scrub phone --level possible
        scrub phone --json 2015550123 '+44 20 7946 0958'
        scrub phone --type --region ES '612 34 56 78' '912 34 56 78'
      """
  )

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (ISO 3166 alpha-2).", valueName: "code"))
  var region = PhoneRegion.us

  @Option(help: "valid: in service (NANP table, phone metadata); possible: merely the right length.")
  var level: ValidationLevel = .valid

  @Argument(help: ArgumentHelp("Phone numbers as written; none reads standard input.", valueName: "number"))
  var numbers: [String] = []

  @Flag(
    help: ArgumentHelp(
      "Print JSON: one object per input, with every field the normalizer knows (default: one line each).",
      discussion: """
        NUMBER arguments give one array; standard input gives JSON Lines, one object per input \
        line as it is read. Fields: input, accepted (passes --level), e164, extension, possible, \
        valid, reason (why not valid, else null), region, type (the metadata's line type).
        """))
  var json = false

  @Flag(
    help: ArgumentHelp(
      "Add a tab and each number's line type to its line (default: off).",
      discussion: """
        Types as phonenumbers names them: \(PhoneLineType.allCases.map(\.rawValue).joined(separator: ", ")), \
        from the phone metadata's ranges. Most US and Canadian numbers are fixed_line_or_mobile: \
        their ranges do not tell the two apart. A number with no type in the metadata, or one that \
        is not valid, is unknown; an input that is not a possible number gets `-`. --json always \
        has the type.
        """))
  var type = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors { try normalize() }
  }

  private func normalize() throws {
    let normalizer = PhoneNormalizer()
    if !numbers.isEmpty {
      if json {
        print(
          try JSONText.encode(
            numbers.map {
              PhoneReport(input: $0, result: normalizer.normalize($0, region: region), level: level)
            }))
        return
      }
      for number in numbers {
        print(textLine(normalizer.normalize(number, region: region)))
      }
      return
    }
    while let line = readLine(strippingNewline: true) {
      var text = Substring(line)
      var rowRegion = region
      if let tab = text.lastIndex(of: "\t") {
        let code = text[text.index(after: tab)...]
        if let parsed = PhoneRegion(code.trimmingCharacters(in: .whitespaces)) {
          rowRegion = parsed
          text = text[..<tab]
        }
      }
      let result = normalizer.normalize(String(text), region: rowRegion)
      print(
        json
          ? try JSONText.line(PhoneReport(input: String(text), result: result, level: level))
          : textLine(result))
    }
  }

  /// The text line of one input: its E.164 form or `invalid:<reason>`, and with --type its type.
  private func textLine(_ result: PhoneResult) -> String {
    let text = result.text(at: level)
    guard type else { return text }
    return text + "\t" + (result.number.map { PhoneLineType($0).rawValue } ?? "-")
  }
}
