/// Vendor files come in UTF-8 or, from spreadsheets on Windows, in Windows-1252. Bytes that are not
/// valid UTF-8 are read as Windows-1252, so that a header like `Téléphone` still matches.
public enum TextDecoding {
  public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    // Most cells are ASCII: no validation needed.
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    if let s = String(validating: bytes, as: UTF8.self) { return s }
    var scalars = String.UnicodeScalarView()
    for b in bytes {
      scalars.append(windows1252(b))
    }
    return String(scalars)
  }

  private static let high: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  static func windows1252(_ b: UInt8) -> Unicode.Scalar {
    if b >= 0x80 && b < 0xA0 { return Unicode.Scalar(high[Int(b - 0x80)])! }
    return Unicode.Scalar(b)
  }
}
