/// The pure-Swift parser for the shapes that fill US and Canadian lead files: 10 digits, or 11
/// with a leading `1` or `+1`, in any common punctuation (`(201) 555-0123`, `201.555.0123`),
/// full-width digits, and a short extension (`x12`, `ext. 12`, `#12`, `;ext=12`).
///
/// It answers only where it is sure to agree with libphonenumber, and returns nil for everything
/// else (letters, other lengths, other countries, national numbers starting with 0 or 1, odd
/// extension spellings), which then goes to the library. `PhoneFastPathAgreementTests` holds it
/// to that over a large generated set. No allocation: bytes in, a value out.
enum NANPFastPath {
  @inline(__always)
  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, regionIsNANP: Bool,
    table: NANPTable
  ) -> PhoneResult? {
    var i = start
    var plus = false
    if bytes[i] == 0x2B {
      plus = true
      i += 1
    }
    var value: Int64 = 0
    var digits = 0
    var firstDigit: UInt8 = 0
    var lastNonSpace: UInt8 = 0
    var phoneExtension: PhoneExtension?
    scan: while i < end {
      var b = bytes[i]
      switch b {
      case 0x30...0x39:
        i += 1
      case 0xEF:
        // Full-width digits U+FF10-U+FF19 (EF BC 90-99): what Asian-locale spreadsheets type.
        guard i + 2 < end, bytes[i + 1] == 0xBC, bytes[i + 2] >= 0x90, bytes[i + 2] <= 0x99 else {
          return nil
        }
        b = bytes[i + 2] - 0x90 + 0x30
        i += 3
      case 0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2F:
        if b != 0x20 { lastNonSpace = b }
        i += 1
        continue scan
      case 0x78, 0x58, 0x65, 0x45, 0x23, 0x3B:
        // libphonenumber reads `/ x…` as the start of a second number, not an extension.
        guard lastNonSpace >= 0x30 && lastNonSpace <= 0x39 else { return nil }
        guard let parsed = parseExtension(bytes, start: i, end: end) else { return nil }
        phoneExtension = parsed
        break scan
      default:
        return nil
      }
      digits += 1
      if digits > 11 { return nil }
      if digits == 1 { firstDigit = b }
      value = value &* 10 &+ Int64(b &- 0x30)
      lastNonSpace = 0x30
    }
    let national: Int64
    if digits == 11 && firstDigit == 0x31 && (plus || regionIsNANP) {
      national = value - 10_000_000_000
    } else if digits == 10 && !plus && regionIsNANP {
      national = value
    } else {
      return nil
    }
    // A national number starting with 0 or 1 meets libphonenumber's national-prefix and
    // country-code stripping, which can shorten it; the library decides those.
    if national < 2_000_000_000 { return nil }
    let number = PhoneNumber(nanpNational: national)
    return PhoneResult(
      number: number, phoneExtension: phoneExtension, rejection: table.rejection(national: national))
  }

  /// `x12`, `ext12`, `ext. 12`, `ext: 12`, `#12`, `;ext=12` (labels in any case) running to the
  /// end, with 1 to 9 digits; nil for anything else.
  @inline(__always)
  private static func parseExtension(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
    -> PhoneExtension?
  {
    var i = start
    let label = bytes[i] | 0x20
    if label == 0x3B {  // ;ext=
      guard i + 5 <= end, bytes[i + 1] | 0x20 == 0x65, bytes[i + 2] | 0x20 == 0x78,
        bytes[i + 3] | 0x20 == 0x74, bytes[i + 4] == 0x3D
      else { return nil }
      i += 5
    } else {
      if label == 0x65 {  // ext, not extn / extension
        guard i + 3 <= end, bytes[i + 1] | 0x20 == 0x78, bytes[i + 2] | 0x20 == 0x74 else {
          return nil
        }
        i += 3
      } else {  // x or #
        i += 1
      }
      if i < end && (bytes[i] == 0x2E || bytes[i] == 0x3A) { i += 1 }
      while i < end && bytes[i] == 0x20 { i += 1 }
    }
    var phoneExtension = PhoneExtension()
    while i < end {
      let b = bytes[i]
      guard b >= 0x30 && b <= 0x39 else { return nil }
      phoneExtension.append(b - 0x30)
      i += 1
    }
    guard phoneExtension.count >= 1 && phoneExtension.count <= 9 else { return nil }
    return phoneExtension
  }
}
