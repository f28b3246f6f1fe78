import Foundation
import Testing

@testable import ListScrub

/// `clean --layout vicidial`: Vicidial's standard lead format, mapped by header name.
@Suite struct VicidialLayoutTests {
  @Test func theFieldsAreTheStandardFormatsTwentyThreeInOrder() {
    #expect(VicidialLayout.fields.count == 23)
    #expect(
      VicidialLayout.fields.prefix(5) == [
        "vendor_lead_code", "source_id", "list_id", "phone_code", "phone_number",
      ])
    #expect(VicidialLayout.fields[19] == "alt_phone" && VicidialLayout.fields.last == "comments")
  }

  @Test func columnsMapByHeaderNameAndPhoneColumnsNeverCopyAsText() {
    let headers = [
      "Lead ID", "First Name", "LAST_NAME", "phone", "Zip", "Country", "alt phone", "e-mail", "Notes",
    ]
    let layout = VicidialLayout(headers: headers, phoneColumns: [3])
    #expect(
      layout.mapping(headers) == [
        "vendor_lead_code=Lead ID", "first_name=First Name", "last_name=LAST_NAME", "postal_code=Zip",
        "country_code=Country", "email=e-mail", "comments=Notes",
      ])
    // A column named like a copied field but scrubbed as a phone column is not copied.
    let scrubbed = VicidialLayout(headers: ["id", "notes"], phoneColumns: [1])
    #expect(scrubbed.mapping(["id", "notes"]) == ["vendor_lead_code=id"])
  }

  @Test func theNumbersAreCallingCodeAndNationalDigitsAndAltPhoneSharesTheCode() throws {
    let layout = VicidialLayout(headers: ["name", "first_name", "phone", "cell"], phoneColumns: [2, 3])
    let cells = ["x", "Ana", "", ""]
    let us = try layout.line(cell: { cells[$0] }, kept: [12_012_228_888, 12_012_229_999])
    #expect(us.count == 23)
    #expect(us[3] == "1" && us[4] == "2012228888" && us[19] == "2012229999" && us[6] == "Ana")
    // Another calling code is no alt_phone: the loader would dial it with the first's code.
    let mixed = try layout.line(cell: { cells[$0] }, kept: [12_012_228_888, 442_079_460_958])
    #expect(mixed[19] == "")
    // Italy keeps the leading 0 of its national number.
    let italy = try layout.line(cell: { cells[$0] }, kept: [390_612_345_678])
    #expect(italy[3] == "39" && italy[4] == "0612345678")
  }

  @Test func fieldsLoseWhatTheLoaderSplitsOnOrDrops() {
    #expect(VicidialLayout.clean(" a|b\tc\r\nd \"e\" O'Neil ") == "a b c  d e ONeil")
    #expect(VicidialLayout.clean("1 Main St, Apt 2") == "1 Main St, Apt 2")
  }
}
