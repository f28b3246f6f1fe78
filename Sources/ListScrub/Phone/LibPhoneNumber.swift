import CPhoneNumber

/// The slow path: Google's libphonenumber through the `CPhoneNumber` shim, for every shape the
/// fast path leaves (other countries, letters, odd lengths). About 20-30 µs a number.
enum LibPhoneNumber {
  /// libphonenumber's answer for `count` bytes at `base`, read with `region` as default.
  /// `nanpValidity` asks the library's own (2022) NANP validity, for comparisons only.
  static func raw(
    _ base: UnsafePointer<UInt8>, count: Int, region: PhoneRegion, nanpValidity: Bool = false
  ) -> lsp_result {
    var out = lsp_result()
    var code = region.cString
    withUnsafePointer(to: &code) { tuple in
      tuple.withMemoryRebound(to: CChar.self, capacity: 3) { regionName in
        base.withMemoryRebound(to: CChar.self, capacity: count) { text in
          lsp_parse(text, count, regionName, nanpValidity ? 1 : 0, &out)
        }
      }
    }
    return out
  }

  /// For a cell of the form `+` then digits separated by spaces, hyphens or dots (`+44 20 7946
  /// 0958`), calls `body` with the same number as `+` and digits only (`+442079460958`) and
  /// returns its answer; nil for any other shape. libphonenumber reads both the same (it drops
  /// that punctuation first) but parses the compact form in about 60% of the time, its regular
  /// expressions having less to match; `PhoneFastPathAgreementTests` holds the two forms to the
  /// same answer.
  static func withCompactInternational(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> lsp_result
  ) -> lsp_result? {
    guard text.count > 1, text.count <= 64, text[0] == UInt8(ascii: "+") else { return nil }
    var digits = 0
    for b in text.dropFirst() {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."): continue
      default: return nil
      }
    }
    guard digits > 0, digits + 1 < text.count else { return nil }  // nothing to drop: no gain
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digits + 1) { compact in
      compact[0] = UInt8(ascii: "+")
      var n = 1
      for b in text.dropFirst() where b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
        compact[n] = b
        n += 1
      }
      return body(UnsafeBufferPointer(compact))
    }
  }

  /// Turns the library's answer into a result; NANP validity comes from `table`, not the library.
  static func result(_ raw: lsp_result, table: NANPTable) -> PhoneResult {
    switch raw.parse_error {
    case 0: break
    case 1: return .rejected(.invalidCountryCode)
    case 2: return .rejected(.notANumber)
    case 3, 4: return .rejected(.tooShort)
    case 5: return .rejected(.tooLong)
    default: return .rejected(.libraryError)
    }
    switch raw.possibility {
    case 0: break
    // Local only (seven NANP digits) has no E.164 form: for a list it is a number too short.
    case 1, 3: return .rejected(.tooShort)
    case 2: return .rejected(.invalidCountryCode)
    case 4: return .rejected(.invalidLength)
    case 5: return .rejected(.tooLong)
    default: return .rejected(.libraryError)
    }
    guard raw.e164 > 0, raw.e164 <= UInt64(Int64.max) else { return .rejected(.libraryError) }
    let number = PhoneNumber(e164: Int64(raw.e164))
    let rejection: PhoneRejection?
    if raw.country_code == 1 {
      guard let national = number.nanpNational else { return .rejected(.libraryError) }
      rejection = table.rejection(national: national)
    } else {
      rejection = raw.valid == 1 ? nil : .notValidForRegion
    }
    return PhoneResult(number: number, phoneExtension: extensionOf(raw), rejection: rejection)
  }

  private static func extensionOf(_ raw: lsp_result) -> PhoneExtension? {
    guard raw.extension_length > 0 else { return nil }
    var ext = raw.extension
    return withUnsafeBytes(of: &ext) { bytes in
      var phoneExtension = PhoneExtension()
      for b in bytes.prefix(Int(raw.extension_length)) where b >= 0x30 && b <= 0x39 {
        phoneExtension.append(b - 0x30)
      }
      return phoneExtension.count > 0 ? phoneExtension : nil
    }
  }
}
