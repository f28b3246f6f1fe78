import Foundation

/// `clean --layout vicidial`: the clean file in Vicidial's standard lead format, which its lead
/// loader (`VICIDIAL_IN_new_leads_file.pl --format=standard`, the admin page's "standard"
/// layout) reads without a column mapping: one lead a line, no header line, 23 fields
/// separated by `|`, in the order of ``fields`` (docs/outputs.md, "The Vicidial layout").
///
/// The input's columns are copied by header name (``aliases``, compared as `HeaderMatch`
/// does); `phone_code` and `phone_number` are the first kept number's calling code and national
/// digits, `alt_phone` the second kept number's national digits when it has the same calling
/// code. A phone column is never copied as text, and no column of the input becomes
/// `alt_phone`: every number the file holds was scrubbed. The loader splits on `|` and tab and
/// drops `"` and `'`, so those, and line breaks, cannot be in a field: a tab, `|`, CR or LF
/// becomes a space, `"` and `'` are left out, and each field is trimmed.
struct VicidialLayout {
  /// The standard format's fields, in order (the loader's own names; `country_code` is the
  /// field the loader calls `country`).
  static let fields = [
    "vendor_lead_code", "source_id", "list_id", "phone_code", "phone_number", "title", "first_name",
    "middle_initial", "last_name", "address1", "address2", "address3", "city", "state", "province",
    "postal_code", "country_code", "gender", "date_of_birth", "alt_phone", "email", "security_phrase",
    "comments",
  ]

  /// The header names each copied field takes its cell from, best first (`HeaderMatch` keys:
  /// case, spaces and punctuation do not count). `phone_code`, `phone_number` and `alt_phone`
  /// come from the scrub, never from a column.
  static let aliases: [String: [String]] = [
    "vendor_lead_code": ["vendor_lead_code", "vendor_id", "lead_id", "lead_code", "id"],
    "source_id": ["source_id", "source_code", "lead_source", "source"],
    "list_id": ["list_id"],
    "title": ["title", "salutation"],
    "first_name": ["first_name", "firstname", "first", "fname", "given_name"],
    "middle_initial": ["middle_initial", "middle_name", "middle", "mi"],
    "last_name": ["last_name", "lastname", "last", "lname", "surname", "family_name"],
    "address1": ["address1", "address_1", "address", "street", "street_address", "address_line_1"],
    "address2": ["address2", "address_2", "address_line_2"],
    "address3": ["address3", "address_3", "address_line_3"],
    "city": ["city", "town"],
    "state": ["state", "st"],
    "province": ["province"],
    "postal_code": ["postal_code", "zip", "zip_code", "zipcode", "postcode", "post_code"],
    "country_code": ["country_code", "country"],
    "gender": ["gender", "sex"],
    "date_of_birth": ["date_of_birth", "dob", "birth_date", "birthdate"],
    "email": ["email", "email_address", "e_mail"],
    "security_phrase": ["security_phrase"],
    "comments": ["comments", "comment", "notes", "note"],
  ]

  /// For each of ``fields``, the input column copied into it (nil: none, or a number field).
  let sources: [Int?]

  /// Maps `headers` (the input's, the phone columns aside) onto the fields.
  init(headers: [String], phoneColumns: [Int]) {
    let keys = headers.map(HeaderMatch.key)
    var taken = Set(phoneColumns)
    var sources: [Int?] = []
    for field in Self.fields {
      var found: Int?
      for alias in Self.aliases[field] ?? [] {
        let key = HeaderMatch.key(alias)
        if let i = keys.indices.first(where: { keys[$0] == key && !taken.contains($0) }) {
          found = i
          break
        }
      }
      if let found { taken.insert(found) }
      sources.append(found)
    }
    self.sources = sources
  }

  /// The input's header for each field copied, as `field=header`.
  func mapping(_ headers: [String]) -> [String] {
    zip(Self.fields, sources).compactMap { field, source in source.map { "\(field)=\(headers[$0])" } }
  }

  /// The line's 23 fields for a row whose cells are `cell(i)` and whose kept numbers, in column
  /// order, are `kept`.
  func line(cell: (Int) -> String, kept: [Int64]) throws -> [String] {
    guard let first = kept.first, let (code, national) = PhoneNumber(e164: first).callingCodeAndNational
    else {
      throw ScrubError.badData(
        location: "vicidial layout", message: "a kept number has no calling code the phone metadata knows",
        hint: "write the csv layout (--layout csv) and report this")
    }
    var alt = ""
    for number in kept.dropFirst() {
      if let (altCode, altNational) = PhoneNumber(e164: number).callingCodeAndNational, altCode == code {
        alt = altNational
        break
      }
    }
    var out: [String] = []
    out.reserveCapacity(Self.fields.count)
    for (i, field) in Self.fields.enumerated() {
      switch field {
      case "phone_code": out.append(String(code))
      case "phone_number": out.append(national)
      case "alt_phone": out.append(alt)
      default: out.append(sources[i].map { Self.clean(cell($0)) } ?? "")
      }
    }
    return out
  }

  /// `text` as the loader can take it: tab, `|`, CR and LF as spaces, no `"` or `'`, trimmed.
  static func clean(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\t", "|", "\r", "\n": scalars.append(" ")
      case "\"", "'": continue
      default: scalars.append(scalar)
      }
    }
    return String(scalars).trimmingCharacters(in: .whitespaces)
  }
}
