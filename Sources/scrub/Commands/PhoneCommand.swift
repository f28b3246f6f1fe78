import ArgumentParser
import Foundation
import ListScrub

struct PhoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phone",
    abstract: "Normalize phone numbers to E.164, or say why they are invalid.",
    discussion: """
      Prints one line per input: the E.164 form (`+12015550123`, with `;ext=12` when there is an \
      extension), or `invalid:<reason>`. With no NUMBER arguments, reads stdin: one number per \
      line, optionally `NUMBER<TAB>REGION`.

      Reasons: empty, not_a_number, too_short, too_long, invalid_length, invalid_country_code, \
      invalid_area_code, invalid_exchange, fictional, not_valid_for_region, library_error.

      NANP validity comes from a table generated from \(PhoneNormalizer.nanpDataVersion); other \
      countries use libphonenumber \(ToolInfo.libphonenumberVersion).

      Examples:
        scrub phone '1 (201) 555-0123 x12' 2015550123.0
        scrub phone --region GB '020 7946 0000'
        cut -f3 leads.tsv | scrub phone --level possible
      """
  )

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (ISO 3166 alpha-2).", valueName: "code"))
  var region = PhoneRegion.us

  @Option(help: "valid: in service (NANP table, libphonenumber); possible: merely the right length.")
  var level: ValidationLevel = .valid

  @Argument(help: ArgumentHelp("Phone numbers as written; none reads standard input.", valueName: "number"))
  var numbers: [String] = []

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    let normalizer = PhoneNormalizer()
    if !numbers.isEmpty {
      for number in numbers {
        print(normalizer.normalize(number, region: region).text(at: level))
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
      print(normalizer.normalize(String(text), region: rowRegion).text(at: level))
    }
  }
}
